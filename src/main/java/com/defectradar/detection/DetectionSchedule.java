package com.defectradar.detection;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Scheduled detection. Every instance fires; the advisory lock in {@link DetectionService} lets one run and
 * the others skip, and a run with nothing new to look at is skipped too, so frequent firing stays cheap.
 */
@ApplicationScoped
public class DetectionSchedule {

    private final DetectionService detection;

    public DetectionSchedule(DetectionService detection) {
        this.detection = detection;
    }

    @Scheduled(every = "${radar.detection.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void detect() {
        detection.runIfDue(Instant.now());
    }
}

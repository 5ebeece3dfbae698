package com.defectradar.detection;

import com.defectradar.metrics.RadarMetrics;
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
    private final RadarMetrics metrics;

    public DetectionSchedule(DetectionService detection, RadarMetrics metrics) {
        this.detection = detection;
        this.metrics = metrics;
    }

    @Scheduled(every = "${radar.detection.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void detect() {
        detection.runIfDue(Instant.now()).ifPresent(run -> metrics.run(run, DetectionService.SCHEDULED));
    }
}

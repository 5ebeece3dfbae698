package com.defectradar.metrics;

import com.defectradar.detection.DetectionRunView;
import com.defectradar.ticket.BatchIngestResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The service's own meters (Prometheus at /q/metrics): tickets stored, recognised as retries and rejected;
 * detection runs, their duration, what they looked at and what they changed. Per instance: sum the counters
 * across instances for the fleet.
 */
@ApplicationScoped
public class RadarMetrics {

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter duplicates;
    private final Counter rejected;

    public RadarMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = Counter.builder("radar.tickets.ingested").tag("outcome", "created")
                .description("Tickets stored").register(registry);
        this.duplicates = Counter.builder("radar.tickets.ingested").tag("outcome", "duplicate")
                .description("Tickets recognised as a replay of a stored one (shops retry), nothing stored").register(registry);
        this.rejected = Counter.builder("radar.tickets.rejected")
                .description("Tickets refused: invalid, or a changed resend of a stored (source, ticketId)").register(registry);
    }

    /** A bulk upload's outcome. */
    public void batch(BatchIngestResult result) {
        created.increment(result.created());
        duplicates.increment(result.duplicates());
        rejected.increment(result.rejected().size());
    }

    /** A single ticket's answer: 201 stored, 200 replay, 400/409 refused. */
    void single(int status) {
        switch (status) {
            case 201 -> created.increment();
            case 200 -> duplicates.increment();
            case 400, 409 -> rejected.increment();
            default -> { }
        }
    }

    /** A finished detection run; {@code trigger} says who asked for it (request, demo). */
    public void run(DetectionRunView run, String trigger) {
        if (run.startedAt() != null && run.finishedAt() != null) {
            Timer.builder("radar.detection.run.duration").tag("trigger", trigger)
                    .description("Time a detection run took").publishPercentileHistogram(false)
                    .register(registry).record(Duration.between(run.startedAt(), run.finishedAt()));
        }
        DistributionSummary.builder("radar.detection.candidates").tag("trigger", trigger)
                .description("Candidate clusters a run examined").register(registry).record(run.candidateClusters());
        DistributionSummary.builder("radar.detection.tickets.considered").tag("trigger", trigger)
                .description("Tickets in a run's look-back window").register(registry).record(run.ticketsConsidered());
        alerts("opened", run.alertsOpened());
        alerts("updated", run.alertsUpdated());
        alerts("reopened", run.alertsReopened());
    }

    private void alerts(String change, int count) {
        Counter.builder("radar.detection.alerts").tag("change", change)
                .description("Alerts opened, updated or reopened by detection runs").register(registry).increment(count);
    }
}

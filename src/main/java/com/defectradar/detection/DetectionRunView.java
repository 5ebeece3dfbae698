package com.defectradar.detection;

import java.time.Instant;

/** A run's summary as the API shows it. */
public record DetectionRunView(long id, Instant asOf, Instant startedAt, Instant finishedAt, int ticketsConsidered,
                               int candidateClusters, int alertsOpened, int alertsUpdated, int alertsReopened) {

    static DetectionRunView of(DetectionRun run) {
        return new DetectionRunView(run.id, run.asOf, run.startedAt, run.finishedAt, run.ticketsConsidered,
                run.candidateClusters, run.alertsOpened, run.alertsUpdated, run.alertsReopened);
    }
}

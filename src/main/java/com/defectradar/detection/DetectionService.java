package com.defectradar.detection;

import com.defectradar.alert.AlertRecorder;
import com.defectradar.alert.DetectedPattern;
import com.defectradar.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;

/**
 * Runs detection: one run at a time across every instance (a PostgreSQL advisory lock held for the run's
 * transaction), the pipeline over the window before {@code asOf}, and the findings recorded as alerts.
 */
@ApplicationScoped
public class DetectionService {

    /** Advisory lock id shared by every instance: "detection" in ASCII. */
    static final long RUN_LOCK = 0x646574656374L;
    static final String SCHEDULED = "schedule";

    private final DetectionSettings settings;
    private final WindowLoader loader;
    private final AlertRecorder recorder;
    private final Detector detector;

    public DetectionService(DetectionSettings settings, WindowLoader loader, AlertRecorder recorder) {
        this.settings = settings;
        this.loader = loader;
        this.recorder = recorder;
        this.detector = new Detector(settings.detector());
    }

    /** A requested run: waits for a run in progress elsewhere, then runs. */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public DetectionRunView run(Instant asOf) {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, RUN_LOCK).getSingleResult();
        return execute(asOf, "request", loader.maxTicketId());
    }

    /**
     * A scheduled run: skipped when another instance is running, or when no ticket arrived since the last
     * run and that run is recent (the window slides, so an idle fleet is still looked at now and then).
     * Answers the run, or empty when skipped.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Optional<DetectionRunView> runIfDue(Instant now) {
        Boolean locked = (Boolean) Panache.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RUN_LOCK).getSingleResult();
        if (!locked) {
            return Optional.empty();
        }
        long newest = loader.maxTicketId();
        DetectionRun last = DetectionRun.latestScheduled();
        if (last != null && last.maxTicketId == newest
                && Duration.between(last.startedAt, now).compareTo(settings.idleRerun()) < 0) {
            return Optional.empty();
        }
        DetectionRunView run = execute(now, SCHEDULED, newest);
        Log.infof("Scheduled detection run %d: %d tickets, %d opened, %d updated, %d reopened in %d ms", run.id(),
                run.ticketsConsidered(), run.alertsOpened(), run.alertsUpdated(), run.alertsReopened(),
                Duration.between(run.startedAt(), run.finishedAt()).toMillis());
        return Optional.of(run);
    }

    public DetectionRunView latest() {
        DetectionRun run = DetectionRun.latest();
        if (run == null) {
            throw ProblemException.notFound("No detection run has finished yet.");
        }
        return DetectionRunView.of(run);
    }

    private DetectionRunView execute(Instant asOf, String trigger, long maxTicketId) {
        DetectionRun run = new DetectionRun();
        run.asOf = asOf;
        run.startedAt = Instant.now();
        run.trigger = trigger;
        run.maxTicketId = maxTicketId;
        run.persist();
        Instant from = asOf.minus(Duration.ofDays(settings.detector().lookbackDays()));
        Detector.Result result = detector.detect(asOf.getEpochSecond() / 86400.0, loader.tickets(from, asOf),
                loader.batches(), loader.fleetHistory(asOf, from.minus(settings.baseline()), from));
        run.ticketsConsidered = result.ticketsConsidered();
        run.candidateClusters = result.candidateClusters();
        for (Detector.Finding finding : result.findings()) {
            switch (recorder.record(pattern(finding), run.id, Instant.now())) {
                case OPENED -> run.alertsOpened++;
                case UPDATED -> run.alertsUpdated++;
                case REOPENED -> run.alertsReopened++;
                case UNCHANGED -> { }
            }
        }
        run.finishedAt = Instant.now();
        return DetectionRunView.of(run);
    }

    private DetectedPattern pattern(Detector.Finding finding) {
        Signature signature = finding.signature();
        Evidence evidence = finding.evidence();
        List<Long> members = evidence.members().stream().map(TicketPoint::ticketId).toList();
        WindowLoader.Spelling spelling = loader.spelling(signature, members);
        BatchInfo batch = finding.batch();
        return new DetectedPattern(signature.cell().signatureKey(), spelling.component(), spelling.symptom(),
                signature.cell().kind() == Cell.Kind.BATCH ? (batch != null ? batch.batchId() : spelling.batch()) : null,
                spelling.firmware(),
                signature.temperature() == null ? null : signature.temperature().min(),
                signature.temperature() == null ? null : signature.temperature().max(),
                signature.producedFrom(), signature.producedTo(), members, evidence.observed(), evidence.expected(),
                evidence.pValue(), evidence.method() + " (" + evidence.windowDays() + "-day window)",
                batch == null ? null : batch.unitsProduced(), batch == null ? null : batch.unitRecallCost(),
                batch == null ? null : batch.currency(), PatternNarrator.title(signature, spelling),
                PatternNarrator.summary(signature, evidence, batch, spelling));
    }
}

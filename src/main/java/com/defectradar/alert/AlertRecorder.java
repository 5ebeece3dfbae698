package com.defectradar.alert;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import com.defectradar.common.SqlValues;

import java.time.Instant;

/**
 * Writes what detection confirmed into alerts: one alert per signature, evidence accumulated, lifecycle
 * rules applied. Runs inside the detection run's transaction.
 */
@ApplicationScoped
public class AlertRecorder {

    static final String DETECTION_ACTOR = "detection";

    private final AlertClock clock;
    private final AlertChanges changes;

    public AlertRecorder(AlertClock clock, AlertChanges changes) {
        this.clock = clock;
        this.changes = changes;
    }

    public enum Outcome { OPENED, UPDATED, REOPENED, UNCHANGED }

    private record Evidence(int tickets, int units, Instant first, Instant last) {
    }

    private record NewMembers(int count, Instant latestOccurrence) {
    }

    /**
     * @param now when the run recorded it: the detection time of a new alert. {@code updatedAt} comes from the
     *            {@link AlertClock}, so that every change is visible to pollers in commit order.
     */
    public Outcome record(DetectedPattern pattern, long runId, Instant now) {
        // The clock before the row lock: the lock order every alert writer follows (see AlertClock).
        Instant changedAt = clock.tick();
        Alert alert = Alert.<Alert>find("signatureKey", pattern.signatureKey())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        boolean created = alert == null;
        if (created) {
            alert = new Alert();
            alert.signatureKey = pattern.signatureKey();
            alert.status = AlertStatus.OPEN;
            alert.detectedAt = now;
            copyPattern(alert, pattern, runId, changedAt);
            alert.ticketCount = 0;
            alert.firstOccurredAt = now;
            alert.lastOccurredAt = now;
            alert.persist();
            // The row was inserted at changedAt; the evidence below is a second write that must move it on.
            changedAt = clock.tick();
        }
        NewMembers added = addMembers(alert.id, pattern);
        if (!created && added.count() == 0) {
            return Outcome.UNCHANGED;
        }
        Evidence evidence = evidence(alert.id);
        int previousTickets = alert.ticketCount;
        copyPattern(alert, pattern, runId, changedAt);
        alert.ticketCount = evidence.tickets();
        alert.unitCount = evidence.units();
        alert.firstOccurredAt = evidence.first();
        alert.lastOccurredAt = evidence.last();
        if (created) {
            AlertHistory.record(alert, DETECTION_ACTOR, "Detected: " + pattern.summary());
            changes.announce(alert, AlertChange.OPENED);
            return Outcome.OPENED;
        }
        String reopenReason = reopenReason(alert, added, previousTickets);
        if (reopenReason != null) {
            alert.status = AlertStatus.OPEN;
            alert.resolvedAt = null;
            alert.dismissedTicketCount = null;
            AlertHistory.record(alert, DETECTION_ACTOR, reopenReason);
            changes.announce(alert, AlertChange.REOPENED);
            return Outcome.REOPENED;
        }
        changes.announce(alert, AlertChange.UPDATED);
        return Outcome.UPDATED;
    }

    /**
     * A resolved alert reopens when failures happen after its resolution; a dismissed one only when its
     * ticket count has at least doubled since it was dismissed. Anything else keeps its state.
     */
    private static String reopenReason(Alert alert, NewMembers added, int previousTickets) {
        if (alert.status == AlertStatus.RESOLVED && alert.resolvedAt != null
                && added.latestOccurrence() != null && added.latestOccurrence().isAfter(alert.resolvedAt)) {
            return "Reopened: " + added.count() + " new matching ticket(s), the latest on " + added.latestOccurrence()
                    + ", after the alert was resolved on " + alert.resolvedAt + ".";
        }
        if (alert.status == AlertStatus.DISMISSED) {
            int atDismissal = alert.dismissedTicketCount == null ? previousTickets : alert.dismissedTicketCount;
            if (alert.ticketCount >= 2 * Math.max(1, atDismissal)) {
                return "Reopened: ticket count grew from " + atDismissal + " at dismissal to " + alert.ticketCount + ".";
            }
        }
        return null;
    }

    private static void copyPattern(Alert alert, DetectedPattern p, long runId, Instant changedAt) {
        alert.component = p.component();
        alert.symptomCode = p.symptomCode();
        alert.productionBatch = p.productionBatch();
        alert.firmwareVersion = p.firmwareVersion();
        alert.temperatureMin = p.temperatureMin();
        alert.temperatureMax = p.temperatureMax();
        alert.productionFrom = p.productionFrom();
        alert.productionTo = p.productionTo();
        alert.observed = p.observed();
        alert.expected = p.expected();
        alert.rateRatio = Double.isFinite(p.rateRatio()) ? p.rateRatio() : Double.MAX_VALUE;
        alert.pValue = p.pValue();
        alert.method = p.method();
        alert.unitsProduced = p.unitsProduced();
        alert.estimatedRecallCost = p.estimatedRecallCost();
        alert.currency = p.currency();
        alert.title = p.title();
        alert.summary = p.summary();
        alert.severity = Severity.of(p.rateRatio(), p.observed(), p.estimatedRecallCost());
        alert.lastRunId = runId;
        alert.updatedAt = changedAt;
    }

    private static NewMembers addMembers(long alertId, DetectedPattern pattern) {
        Object[] row = (Object[]) em().createNativeQuery("""
                        with added as (
                            insert into alert_ticket (alert_id, ticket_id)
                            select ?1, unnest(cast(?2 as bigint[]))
                            on conflict do nothing
                            returning ticket_id)
                        select count(*), max(t.occurred_at) from added join ticket t on t.id = added.ticket_id
                        """)
                .setParameter(1, alertId)
                .setParameter(2, pattern.memberTicketIds().toArray(Long[]::new))
                .getSingleResult();
        return new NewMembers(((Number) row[0]).intValue(), SqlValues.instant(row[1]));
    }

    private static Evidence evidence(long alertId) {
        Object[] row = (Object[]) em().createNativeQuery("""
                        select count(*), count(distinct t.unit_id), min(t.occurred_at), max(t.occurred_at)
                        from alert_ticket a join ticket t on t.id = a.ticket_id where a.alert_id = ?1
                        """)
                .setParameter(1, alertId).getSingleResult();
        return new Evidence(((Number) row[0]).intValue(), ((Number) row[1]).intValue(), SqlValues.instant(row[2]),
                SqlValues.instant(row[3]));
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}

package com.defectradar.alert;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.time.Instant;

/**
 * Moves alerts through their lifecycle on an engineer's word, with an audit trail.
 *
 * <p>Concurrency: the alert is read without a lock and the transition checked against what was read; the write
 * is conditional on the version read (optimistic locking). Of two requests that both read the same version,
 * exactly one writes; the other changes nothing and answers 409 with the state the winner left. Nothing is lost
 * silently and nobody is kept waiting on a row lock held across a person's decision.
 */
@ApplicationScoped
public class AlertWorkflow {

    private final AlertClock clock;
    private final AlertChanges changes;

    public AlertWorkflow(AlertClock clock, AlertChanges changes) {
        this.clock = clock;
        this.changes = changes;
    }

    public AlertView apply(long id, AlertTransition transition, TransitionRequest request) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyInTransaction(id, transition, request));
        } catch (OptimisticLockException | StaleStateException lost) {
            AlertStatus now = QuarkusTransaction.requiringNew().call(() -> AlertService.find(id).status);
            Log.infof("Concurrent change on alert %d: %s by %s lost, the alert is now %s", id, transition.verb(),
                    request.actor(), now);
            throw new TransitionProblem.Refused(TransitionProblem.concurrentChange(id, transition, now));
        }
    }

    private AlertView applyInTransaction(long id, AlertTransition transition, TransitionRequest request) {
        Alert alert = AlertService.find(id);
        if (!transition.allowedFrom(alert.status)) {
            throw new TransitionProblem.Refused(TransitionProblem.notAllowed(id, transition, alert.status));
        }
        // Waits while another alert change commits; the version check below then tells whether it was this alert.
        Instant at = clock.tick();
        alert.status = transition.target();
        alert.updatedAt = at;
        switch (transition) {
            case RESOLVE -> alert.resolvedAt = at;
            // The reopening rule compares later counts with this one.
            case DISMISS -> alert.dismissedTicketCount = alert.ticketCount;
            case ACKNOWLEDGE -> { }
        }
        // Flushed here, not at commit, so that a lost race surfaces as OptimisticLockException from this call.
        Panache.getEntityManager().flush();
        AlertHistory.record(alert, request.actor(), request.note());
        changes.announce(alert, transition.change());
        return AlertView.of(alert, AlertHistory.of(id));
    }
}

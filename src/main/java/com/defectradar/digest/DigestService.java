package com.defectradar.digest;

import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly digest: previews, sends on request and on schedule, retries. Exactly one digest per week and
 * recipient list: the (week, list) row in digest_delivery is recorded (unique constraint) before anything is
 * sent, whoever gets there first wins, and {@link DigestSender} makes sure one instance sends it once.
 */
@ApplicationScoped
public class DigestService {

    private static final int RETRY_BATCH = 50;

    private final DigestSettings settings;
    private final Routing routing;
    private final DigestComposer composer;
    private final WeekAlertQuery alerts;
    private final DigestRenderer renderer;
    private final DigestSender sender;
    private final DigestMetrics metrics;

    public DigestService(DigestSettings settings, WeekAlertQuery alerts, DigestRenderer renderer, DigestSender sender,
                         DigestMetrics metrics) {
        this.settings = settings;
        this.routing = Routing.of(settings);
        this.composer = DigestComposer.of(settings);
        this.alerts = alerts;
        this.renderer = renderer;
        this.sender = sender;
        this.metrics = metrics;
    }

    public Routing routing() {
        return routing;
    }

    /** The e-mail the list gets for that week, rendered now from the alerts as they stand. */
    public DigestRenderer.RenderedDigest preview(DigestWeek week, RecipientList list) {
        return render(week, list);
    }

    /**
     * Sends the week's digest to every list that has not had it, now. A list whose digest failed before is
     * attempted again now; one already sent is not touched.
     */
    public DigestReport send(DigestWeek week, boolean retryUncertain, Instant now) {
        if (!week.hasEnded(now)) {
            throw new ProblemException(Problem.of(409, "week-not-over", "Week not over",
                    "The week of " + week.monday() + " ends " + week.end() + "; its digest can be sent from then on. "
                            + "GET /api/v1/digests/preview shows it as it stands."));
        }
        List<RecipientList> lists = routing.deliverable();
        if (lists.isEmpty()) {
            throw new ProblemException(Problem.of(409, "no-recipients", "No recipients",
                    "No recipient is configured (radar.digest.recipients, radar.digest.routes.\"<component>\"); "
                            + "there is nobody to send the digest to."));
        }
        Map<String, DeliveryState> before = new LinkedHashMap<>();
        for (RecipientList list : lists) {
            Recorded recorded = record(week, list, "request", now);
            DigestDelivery delivery = recorded.delivery();
            // null: this call recorded it
            before.put(list.name(), recorded.created() ? null : delivery.state);
            if (delivery.state == DeliveryState.PENDING
                    || (retryUncertain && delivery.state == DeliveryState.UNCERTAIN)) {
                sender.attempt(delivery.id, retryUncertain);
            }
        }
        refreshGauges();
        return report(week, before);
    }

    /** Where the week's deliveries stand, without sending anything. */
    public DigestReport status(DigestWeek week) {
        return report(week, Map.of());
    }

    /**
     * The schedule, on every instance: the latest due week's digest to each list that has not had it (so a
     * Monday every instance missed is caught up when one comes back, until the next week's is due), retries
     * whose time has come, and deliveries abandoned mid-send turned UNCERTAIN.
     */
    public void tick(Instant now) {
        DigestWeek due = DigestWeek.latestDue(now, settings.zone(), settings.day(), settings.hour());
        for (RecipientList list : routing.deliverable()) {
            // a delivery recorded before is left to retryDue, which knows when its next attempt is due
            Recorded recorded = record(due, list, "schedule", now);
            if (recorded.created() && recorded.delivery().state == DeliveryState.PENDING) {
                sender.attempt(recorded.delivery().id, false);
            }
        }
        retryDue(now);
    }

    /** Attempts every waiting delivery whose next attempt is due, and looks at every one stuck in SENDING. */
    public void retryDue(Instant now) {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> DigestDelivery.<DigestDelivery>find(
                        "(state = ?1 and (nextAttemptAt is null or nextAttemptAt <= ?2)) or state = ?3 order by id",
                        DeliveryState.PENDING, now, DeliveryState.SENDING)
                .page(0, RETRY_BATCH).list().stream().map(d -> d.id).toList());
        for (long id : due) {
            sender.attempt(id, false);
        }
        refreshGauges();
    }

    /**
     * The week's delivery record for a list, recorded now if there is none: rendered once, so every retry sends
     * the same message; EMPTY when nothing is routed to the list and empty digests are not sent.
     */
    private Recorded record(DigestWeek week, RecipientList list, String trigger, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var existing = DigestDelivery.find(week.monday(), list.name());
            if (existing.isPresent()) {
                return new Recorded(existing.get(), false);
            }
            DigestRenderer.RenderedDigest digest = render(week, list);
            boolean empty = digest.alertCount() == 0 && !settings.sendEmpty();
            // the unique (week_start, recipient_list) decides races between instances; the loser reads the winner's row
            int inserted = Panache.getEntityManager().createNativeQuery("""
                            insert into digest_delivery (week_start, recipient_list, recipients, state, alert_count,
                                subject, html_body, text_body, next_attempt_at, created_at, trigger)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                            on conflict (week_start, recipient_list) do nothing
                            """)
                    .setParameter(1, week.monday()).setParameter(2, list.name())
                    .setParameter(3, String.join(",", list.addresses()))
                    .setParameter(4, (empty ? DeliveryState.EMPTY : DeliveryState.PENDING).name())
                    .setParameter(5, digest.alertCount()).setParameter(6, digest.subject())
                    .setParameter(7, empty ? null : digest.html()).setParameter(8, empty ? null : digest.text())
                    .setParameter(9, empty ? null : now).setParameter(10, now).setParameter(11, trigger)
                    .executeUpdate();
            if (inserted == 1 && empty) {
                Log.infof("Digest of the week of %s to %s: nothing routed to it, not sent "
                        + "(radar.digest.send-empty=false)", week.monday(), list.name());
            }
            return new Recorded(DigestDelivery.find(week.monday(), list.name()).orElseThrow(), inserted == 1);
        });
    }

    private record Recorded(DigestDelivery delivery, boolean created) {
    }

    private DigestRenderer.RenderedDigest render(DigestWeek week, RecipientList list) {
        List<WeekAlert> routed = QuarkusTransaction.joiningExisting().call(() -> alerts.of(week)).stream()
                .filter(alert -> routing.receives(list, alert.component())).toList();
        return renderer.render(composer.compose(week, list, routed));
    }

    private DigestReport report(DigestWeek week, Map<String, DeliveryState> before) {
        List<DigestDelivery> deliveries =
                QuarkusTransaction.requiringNew().call(() -> DigestDelivery.ofWeek(week.monday()));
        List<DigestReport.Delivery> views = new ArrayList<>();
        for (DigestDelivery d : deliveries) {
            boolean sentNow = before.containsKey(d.recipientList) && before.get(d.recipientList) != DeliveryState.SENT
                    && d.state == DeliveryState.SENT;
            views.add(new DigestReport.Delivery(d.recipientList, d.recipientAddresses(), d.state, d.alertCount,
                    d.subject, d.attempts, d.createdAt, d.sentAt, d.nextAttemptAt, d.lastError, d.trigger, sentNow));
        }
        // "already sent": this call found every list's digest done before it came (sent, or empty and not sent)
        boolean alreadySent = !before.isEmpty()
                && before.values().stream().allMatch(state -> state != null && state.isFinal());
        return new DigestReport(week.monday(), week.sunday(), week.start(), week.end(), alreadySent, views);
    }

    private void refreshGauges() {
        QuarkusTransaction.requiringNew().run(() -> {
            metrics.waiting(DeliveryState.PENDING, DigestDelivery.count("state", DeliveryState.PENDING));
            metrics.waiting(DeliveryState.UNCERTAIN, DigestDelivery.count("state", DeliveryState.UNCERTAIN));
        });
    }
}

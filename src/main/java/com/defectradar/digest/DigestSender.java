package com.defectradar.digest;

import com.defectradar.coordination.ClusterLock;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One attempt to mail one recorded delivery, safe to call from any number of instances at once.
 *
 * <p>Order of events, and what a crash at each point leaves behind:
 * <ol>
 * <li>take the delivery's cluster lock (busy: another instance is sending it; do nothing). PostgreSQL releases
 *     it the moment its holder's connection drops, so a delivery found SENDING with its lock free was
 *     abandoned by a crash, told apart from a slow send without guessing a timeout;</li>
 * <li>commit state SENDING and the attempt number;</li>
 * <li>hand the message to the SMTP server;</li>
 * <li>commit SENT, or PENDING with the next attempt's time when the server refused or could not be reached.</li>
 * </ol>
 * A crash before 2 leaves PENDING: retried, nothing went out. A crash between 2 and 4 leaves SENDING with a free
 * lock: the message may have gone out or not, and nothing can tell. We then choose a possibly lost e-mail over a
 * possibly doubled one: the delivery turns UNCERTAIN, is logged as an error and counted in a metric, and is sent
 * again only when an admin asks (POST /api/v1/digests/send?retryUncertain=true). A lost digest is visible and
 * repairable with one call; a doubled one cannot be taken back.
 *
 * <p>The one case where SMTP itself can double a message: the server accepts it but its answer does not arrive
 * within quarkus.mailer.timeout. That counts as a failure and is retried, because treating every slow or
 * unreachable server as "uncertain" would stop retries exactly when SMTP is down. The Message-ID is the same
 * on every attempt, so mail systems that de-duplicate by Message-ID drop such a copy.
 */
@ApplicationScoped
public class DigestSender {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final Mailer mailer;
    private final ClusterLock lock;
    private final DigestSettings settings;
    private final DigestMetrics metrics;

    public DigestSender(Mailer mailer, ClusterLock lock, DigestSettings settings, DigestMetrics metrics) {
        this.mailer = mailer;
        this.lock = lock;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** What this instance took on: a snapshot, so the SMTP conversation needs no open transaction. */
    private record Claim(long id, LocalDate weekStart, String list, List<String> recipients, String subject,
                         String html, String text, int attempt) {
    }

    /**
     * Attempts the delivery if it is waiting (or UNCERTAIN and {@code resendUncertain}); a delivery another
     * instance is sending is left alone. Must not run inside a transaction: the lock and the state changes
     * commit on their own.
     */
    public void attempt(long deliveryId, boolean resendUncertain) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("A digest is sent outside any transaction");
        }
        lock.runExclusively(lockName(deliveryId), () -> {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(deliveryId, resendUncertain));
            if (claim != null) {
                send(claim);
            }
        });
    }

    /** The lock an instance holds while it talks to the SMTP server about one delivery. */
    static String lockName(long deliveryId) {
        return "digest-delivery:" + deliveryId;
    }

    private Claim claim(long deliveryId, boolean resendUncertain) {
        DigestDelivery delivery = DigestDelivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null) {
            return null;
        }
        switch (delivery.state) {
            case SENDING -> {
                abandoned(delivery);
                return null;
            }
            case UNCERTAIN -> {
                if (!resendUncertain) {
                    return null;
                }
                Log.warnf("Digest of the week of %s to %s: resending a delivery whose outcome was uncertain, "
                        + "on request", delivery.weekStart, delivery.recipientList);
            }
            case PENDING -> {
                // due, or asked for now
            }
            default -> {
                return null;
            }
        }
        delivery.state = DeliveryState.SENDING;
        delivery.attempts++;
        delivery.lastAttemptAt = Instant.now();
        delivery.nextAttemptAt = null;
        return new Claim(delivery.id, delivery.weekStart, delivery.recipientList, delivery.recipientAddresses(),
                delivery.subject, delivery.htmlBody, delivery.textBody, delivery.attempts);
    }

    /** We hold the lock, yet the row says SENDING: whoever was sending it died before recording the outcome. */
    private static void abandoned(DigestDelivery delivery) {
        delivery.state = DeliveryState.UNCERTAIN;
        delivery.lastError = "The instance sending attempt " + delivery.attempts + " (started " + delivery.lastAttemptAt
                + ") stopped before it recorded whether the SMTP server accepted the message.";
        Log.errorf("Digest of the week of %s to %s (%s): outcome UNCERTAIN. %s It is not resent automatically, to "
                        + "avoid a double send; if the recipients did not get it: POST /api/v1/digests/send?weekOf=%s"
                        + "&retryUncertain=true", delivery.weekStart, delivery.recipientList, delivery.recipients,
                delivery.lastError, delivery.weekStart);
    }

    private void send(Claim claim) {
        Mail mail = Mail.withHtml(null, claim.subject(), claim.html())
                .setText(claim.text())
                .setTo(claim.recipients())
                .addHeader("Message-ID", messageId(claim));
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            failed(claim, e);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            DigestDelivery delivery = DigestDelivery.findById(claim.id());
            if (delivery == null) {
                Log.warnf("Digest delivery %d was deleted while it was being sent; nothing to record", claim.id());
                return;
            }
            delivery.state = DeliveryState.SENT;
            delivery.sentAt = Instant.now();
            delivery.lastError = null;
        });
        metrics.sent(claim.list());
        Log.infof("Digest of the week of %s sent to %s (%s), attempt %d", claim.weekStart(), claim.list(),
                String.join(", ", claim.recipients()), claim.attempt());
    }

    private void failed(Claim claim, RuntimeException e) {
        Duration wait = backoff(claim.attempt(), settings.retry().initialBackoff(), settings.retry().maxBackoff());
        Instant next = Instant.now().plus(wait);
        String error = describe(e);
        QuarkusTransaction.requiringNew().run(() -> {
            DigestDelivery delivery = DigestDelivery.findById(claim.id());
            if (delivery == null) {
                Log.warnf("Digest delivery %d was deleted while it was being sent; nothing to retry", claim.id());
                return;
            }
            delivery.state = DeliveryState.PENDING;
            delivery.nextAttemptAt = next;
            delivery.lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        });
        metrics.failed(claim.list());
        String message = "Digest of the week of %s to %s: attempt %d failed (%s); next attempt in %s, at %s";
        if (claim.attempt() >= settings.retry().errorAfterAttempts()) {
            Log.errorf(message, claim.weekStart(), claim.list(), claim.attempt(), error, wait, next);
        } else {
            Log.warnf(message, claim.weekStart(), claim.list(), claim.attempt(), error, wait, next);
        }
    }

    /** initial, 2×, 4×, ... up to max. */
    static Duration backoff(int failedAttempts, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The same on every attempt of a delivery: receivers that de-duplicate by Message-ID keep one copy. */
    static String messageId(long deliveryId, LocalDate weekStart, String list) {
        return "<digest." + weekStart + "." + list.replaceAll("[^A-Za-z0-9.-]", "-") + "." + deliveryId
                + "@defect-radar>";
    }

    private static String messageId(Claim claim) {
        return messageId(claim.id(), claim.weekStart(), claim.list());
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < MAX_ERROR_LENGTH; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}

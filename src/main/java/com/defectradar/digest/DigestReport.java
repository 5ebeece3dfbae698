package com.defectradar.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A week's digest deliveries, one per recipient list. {@code alreadySent}: the call found every list's digest
 * done before it came (sent, or empty and not sent), so it sent nothing.
 */
public record DigestReport(LocalDate weekStart, LocalDate weekEnd, Instant from, Instant until, boolean alreadySent,
                           List<Delivery> deliveries) {

    public record Delivery(String list, List<String> recipients, DeliveryState state, int alertCount, String subject,
                           int attempts, Instant recordedAt, Instant sentAt, Instant nextAttemptAt, String lastError,
                           String trigger, boolean sentNow) {
    }

    /** Every delivery settled (sent, or empty): nothing is left to happen. */
    public boolean settled() {
        return deliveries.stream().allMatch(d -> d.state().isFinal());
    }
}

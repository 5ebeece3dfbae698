package com.defectradar.digest;

import java.util.List;

/**
 * One e-mail's content, every value already formatted: the HTML and text templates only lay it out, so both
 * parts always say the same thing. Deterministic for a week, list and state of the alerts (no "generated at"),
 * which is what lets a preview be compared with the e-mail that was sent.
 */
public record Digest(
        String subject,
        String heading,
        String period,
        String audience,
        Counts counts,
        List<String> moneyAtStake,
        List<Section> sections,
        int unacknowledgedDays) {

    public boolean empty() {
        return counts.total() == 0;
    }

    public record Counts(int fresh, int escalating, int unacknowledged, int resolved) {
        public int total() {
            return fresh + escalating + unacknowledged + resolved;
        }
    }

    /** key: new, escalating, unacknowledged, resolved. accent: the section's colour in the HTML part. */
    public record Section(String key, String title, String explanation, String accent, List<Item> items) {
    }

    public record Item(
            long id,
            String title,
            String severity,
            String severityColor,
            String summary,
            String signature,
            String change,
            String status,
            String tickets,
            String units,
            String rateRatio,
            String recallCost,
            String link) {
    }
}

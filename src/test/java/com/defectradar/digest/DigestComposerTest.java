package com.defectradar.digest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestComposerTest {

    private static final DigestWeek WEEK = DigestWeek.of(LocalDate.parse("2021-01-11"), ZoneOffset.UTC);
    private static final DigestComposer COMPOSER =
            new DigestComposer(7, 0.5, "https://radar.example.com/", "/alerts/{id}", "Defect Radar weekly digest");
    private static final RecipientList MANAGERS = RecipientList.defaultList(List.of("m@example.com"));

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static WeekAlert alert(long id, String severity, String status, Instant detected, Instant since,
                                   int ticketsAtStart, int ticketsAtEnd, BigDecimal cost) {
        return new WeekAlert(id, severity, "Alert " + id, "Summary " + id + ".", "battery", "RANGE_DROP",
                "BAT-" + id, "BMS-10.2", -20.0, -5.5, LocalDate.parse("2020-12-01"), LocalDate.parse("2020-12-20"),
                detected, 8.44, cost, cost == null ? null : "CNY", status, since, ticketsAtStart, ticketsAtEnd,
                ticketsAtEnd);
    }

    private static Optional<DigestComposer.Kind> kind(WeekAlert alert) {
        return COMPOSER.classify(alert, WEEK);
    }

    @Test
    void sortsEachAlertIntoTheFirstSectionThatApplies() {
        Instant old = at("2020-12-28T10:00:00Z");
        assertEquals(Optional.of(DigestComposer.Kind.NEW),
                kind(alert(1, "HIGH", "OPEN", at("2021-01-11T00:00:00Z"), at("2021-01-11T00:00:00Z"), 0, 5, null)));
        assertEquals(Optional.empty(), kind(alert(2, "HIGH", "OPEN", at("2021-01-18T00:00:00Z"),
                at("2021-01-18T00:00:00Z"), 0, 5, null)), "detected after the week");
        assertEquals(Optional.of(DigestComposer.Kind.NEW),
                kind(alert(3, "HIGH", "OPEN", old, at("2021-01-15T00:00:00Z"), 4, 5, null)), "reopened in the week");
        assertEquals(Optional.of(DigestComposer.Kind.RESOLVED),
                kind(alert(4, "HIGH", "RESOLVED", at("2021-01-12T00:00:00Z"), at("2021-01-14T00:00:00Z"), 0, 5, null)),
                "new and resolved in the same week: resolved");
        assertEquals(Optional.empty(),
                kind(alert(5, "HIGH", "RESOLVED", old, at("2021-01-10T23:59:59Z"), 5, 5, null)), "resolved before");
        assertEquals(Optional.of(DigestComposer.Kind.ESCALATING),
                kind(alert(6, "HIGH", "ACKNOWLEDGED", old, old, 8, 12, null)), "8 to 12 is up by half");
        assertEquals(Optional.empty(), kind(alert(7, "HIGH", "ACKNOWLEDGED", old, old, 8, 11, null)));
        assertEquals(Optional.of(DigestComposer.Kind.ESCALATING),
                kind(alert(8, "HIGH", "OPEN", old, old, 8, 12, null)), "escalating before unacknowledged");
        assertEquals(Optional.of(DigestComposer.Kind.UNACKNOWLEDGED), kind(alert(9, "HIGH", "OPEN", old, old, 8, 9, null)));
        assertEquals(Optional.empty(), kind(alert(10, "HIGH", "DISMISSED", at("2021-01-12T00:00:00Z"),
                at("2021-01-13T00:00:00Z"), 0, 5, null)), "dismissed in its first week");
    }

    @Test
    void unacknowledgedMeansOpenForMoreThanTheConfiguredDaysAtTheWeeksEnd() {
        DigestComposer tenDays = new DigestComposer(10, 0.5, "http://x", "/a/{id}", "S");
        Instant end = WEEK.end();
        WeekAlert exactlyTen = alert(1, "LOW", "OPEN", end.minusSeconds(10 * 86400), end.minusSeconds(10 * 86400), 3, 3, null);
        WeekAlert overTen = alert(2, "LOW", "OPEN", end.minusSeconds(10 * 86400 + 1), end.minusSeconds(10 * 86400 + 1),
                3, 3, null);
        assertEquals(Optional.empty(), tenDays.classify(exactlyTen, WEEK));
        assertEquals(Optional.of(DigestComposer.Kind.UNACKNOWLEDGED), tenDays.classify(overTen, WEEK));
    }

    @Test
    void eachItemCarriesItsNumbersSignatureAndLink() {
        Instant old = at("2020-12-28T10:00:00Z");
        Digest digest = COMPOSER.compose(WEEK, MANAGERS, List.of(
                alert(6, "HIGH", "OPEN", old, old, 8, 12, new BigDecimal("3000000.4"))));
        Digest.Item item = digest.sections().get(1).items().getFirst();
        assertEquals("Escalating", digest.sections().get(1).title());
        assertEquals("Tickets 8 \u2192 12 during the week (+50 %)", item.change());
        assertEquals("Open, unacknowledged for 20 days", item.status());
        assertEquals("12 tickets", item.tickets());
        assertEquals("8.4\u00d7 expected", item.rateRatio());
        assertEquals("CNY 3,000,000", item.recallCost());
        assertEquals("https://radar.example.com/alerts/6", item.link());
        assertEquals("battery \u00b7 RANGE_DROP \u00b7 batch BAT-6 \u00b7 firmware BMS-10.2 \u00b7 \u221220 to \u22125.5 \u00b0C"
                + " \u00b7 built 1 Dec 2020 to 20 Dec 2020", item.signature());
        assertEquals("Defect Radar weekly digest, week of 2021-01-11: 0 new, 1 escalating, 0 unacknowledged, 0 resolved",
                digest.subject());
    }

    @Test
    void mostUrgentFirstAndMoneyAtStakeSumsOpenAlertsByCurrency() {
        Instant old = at("2020-12-28T10:00:00Z");
        Digest digest = COMPOSER.compose(WEEK, RecipientList.route("battery", List.of("b@example.com")), List.of(
                alert(1, "LOW", "OPEN", old, old, 3, 3, new BigDecimal("900000000")),
                alert(2, "CRITICAL", "OPEN", old, old, 3, 3, new BigDecimal("1000000")),
                alert(3, "CRITICAL", "OPEN", old, old, 3, 3, new BigDecimal("2000000")),
                alert(4, "HIGH", "OPEN", old, old, 3, 3, null),
                alert(5, "HIGH", "RESOLVED", old, at("2021-01-12T00:00:00Z"), 3, 3, new BigDecimal("5"))));
        assertEquals(List.of(3L, 2L, 4L, 1L),
                digest.sections().get(2).items().stream().map(Digest.Item::id).toList());
        assertEquals(List.of("CNY 903,000,000 estimated recall cost in 3 open alerts",
                "1 open alert without a cost estimate (no registered batch size or unit cost)"), digest.moneyAtStake());
        assertTrue(digest.subject().startsWith("Defect Radar weekly digest [battery], week of 2021-01-11: "));
        assertEquals(new Digest.Counts(0, 0, 4, 1), digest.counts());
    }

    @Test
    void anEmptyWeekSaysSo() {
        Digest digest = COMPOSER.compose(WEEK, MANAGERS, List.of());
        assertTrue(digest.empty());
        assertEquals("Defect Radar weekly digest, week of 2021-01-11: nothing needs you", digest.subject());
        assertEquals(4, digest.sections().size());
        assertEquals("Unacknowledged for more than 7 days", digest.sections().get(2).title());
    }
}

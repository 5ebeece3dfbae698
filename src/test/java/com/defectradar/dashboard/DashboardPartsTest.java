package com.defectradar.dashboard;

import com.defectradar.alert.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's pure parts: ranking, numbers in words, and the SVG charts. */
class DashboardPartsTest {

    @Test
    void alertsRankBySeverityThenMoneyAtStakeThenUnits() {
        List<AlertRanking.Key> alerts = new ArrayList<>(List.of(
                key(1, Severity.HIGH, "1000000", 10),
                key(2, Severity.CRITICAL, null, 3),
                key(3, Severity.HIGH, "90000000", 4),
                key(4, Severity.HIGH, "90000000", 9),
                key(5, Severity.LOW, "500000000", 50),
                key(6, Severity.HIGH, null, 40),
                key(7, Severity.HIGH, null, 40)));
        alerts.sort(AlertRanking.ORDER);
        assertEquals(List.of(2L, 4L, 3L, 1L, 7L, 6L, 5L), alerts.stream().map(k -> k.updatedAt().getEpochSecond()).toList(),
                "equal otherwise, the latest change first");
    }

    @Test
    void numbersReadAsAnEngineerWouldSayThem() {
        assertEquals("60 M CNY", Words.money(new BigDecimal("60000000"), "cny"));
        assertEquals("1.5 M CNY", Words.money(new BigDecimal("1500000"), "CNY"));
        assertEquals("12,500 CNY", Words.money(new BigDecimal("12500"), "CNY"));
        assertEquals("6.4 × 10⁻⁷", Words.pValue(6.4e-7));
        assertEquals("10⁻⁴", Words.pValue(1e-4));
        assertEquals("0.012", Words.pValue(0.0123));
        assertEquals("270×", Words.ratio(270.4));
        assertEquals("far above", Words.ratio(Double.MAX_VALUE));
        assertEquals(28, Words.windowDays("Fisher exact test of the symptom's share (28-day window)"));
        String text = Words.statistics(6, 0.02, 300, 6.4e-7, "Poisson test (56-day window)", "RANGE_DROP",
                "from battery batch B-1", Words.level(1e-4, 5, 90));
        assertTrue(text.startsWith("6 units from battery batch B-1 reported RANGE_DROP in the last 56 days, where 0.02 would"
                + " be expected"), text);
        assertTrue(text.contains("p = 6.4 × 10⁻⁷") && text.contains("p ≤ 10⁻⁴ (5 × 10⁻⁴ in a batch's first 90 days)"), text);
        assertEquals("p ≤ 10⁻⁴", Words.level(1e-4, 1, 90));
    }

    @Test
    void chartsAreSvgWithEscapedTextAndOneBarPerNonEmptyWeek() {
        String svg = Charts.weekly("weekly-chart", "Weekly <tickets>", List.of(
                new Charts.Week("4 Jan", "a & b", 0, 1), new Charts.Week("11 Jan", "c", 3, 0),
                new Charts.Week("18 Jan", "d", 2, 2)), 0.5);
        assertTrue(svg.startsWith("<svg id=\"weekly-chart\"") && svg.endsWith("</svg>"));
        assertTrue(svg.contains("Weekly &lt;tickets&gt;") && svg.contains("a &amp; b"));
        assertFalse(svg.contains("<tickets>"));
        assertEquals(2, count(svg, "class=\"bar-pattern\""));
        assertEquals(2, count(svg, "class=\"bar-other\""));
        assertEquals(1, count(svg, "class=\"expected\""));

        String histogram = Charts.histogram("t", "T", List.of(new Charts.Bin("-20°", "x", 2, true, true),
                new Charts.Bin("-15°", "y", 0, false, false), new Charts.Bin("-10°", "z", 1, false, false)));
        assertEquals(1, count(histogram, "class=\"band\""));
        assertEquals(1, count(histogram, "class=\"bar-pattern\""));
        assertEquals(1, count(histogram, "class=\"bar-other\""));
        assertEquals(8.0, Charts.niceTop(7.2));
        assertEquals(20.0, Charts.niceTop(13));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** The update time carries the id, so the order can be read off it. */
    private static AlertRanking.Key key(long id, Severity severity, String atStake, int units) {
        return new AlertRanking.Key(severity, atStake == null ? null : new BigDecimal(atStake), units, Instant.ofEpochSecond(id));
    }
}

package com.defectradar.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GowerDistanceTest {

    /** firmware ×2, region ×1, temperature ×1 over 40 °C, mileage ×1 over 10,000 km. */
    private final GowerDistance distance = new GowerDistance(
            List.of(new GowerDistance.Categorical("firmware", 2, TicketPoint::firmware),
                    new GowerDistance.Categorical("region", 1, TicketPoint::region)),
            List.of(new GowerDistance.Numeric("temperature", 1, 40, TicketPoint::temperature),
                    new GowerDistance.Numeric("mileage", 1, 10_000, TicketPoint::mileage)));

    private static TicketPoint point(String firmware, String region, Double temperature, Double mileage) {
        return new TicketPoint(1, "u", "battery", "range_drop", "b", firmware, null, region, temperature, null, 0, mileage);
    }

    @Test
    void allAttributesPresent() {
        // firmware differs (2·1), region same (0), |−20−0|/40 = 0.5 (1·0.5), |1000−6000|/10000 = 0.5 → 3 / 5
        assertEquals(0.6, distance.d(point("bms-10.2", "cn-bj", -20.0, 1000.0), point("bms-10.3", "cn-bj", 0.0, 6000.0)), 1e-12);
    }

    @Test
    void missingValuesAreLeftOutNotCountedAsMatches() {
        // firmware missing on one side: out; region differs (1); temperature missing: out; mileage 0.2 → 1.2 / 2
        assertEquals(0.6, distance.d(point(null, "cn-bj", -20.0, 1000.0), point("bms-10.3", "cn-sh", null, 3000.0)), 1e-12);
    }

    @Test
    void numericDifferencesBeyondTheRangeCountAsOne() {
        // temperature |−30−30|/40 capped at 1; everything else missing → 1·1 / 1
        assertEquals(1.0, distance.d(point(null, null, -30.0, null), point(null, null, 30.0, null)), 1e-12);
    }

    @Test
    void nothingComparableIsMaximallyFar() {
        assertEquals(1.0, distance.d(point(null, null, null, null), point("a", "b", 1.0, 2.0)));
    }

    @Test
    void identicalTicketsAreAtZero() {
        TicketPoint p = point("bms-10.2", "cn-bj", -12.5, 800.0);
        assertEquals(0.0, distance.d(p, p));
    }
}

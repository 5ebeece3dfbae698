package com.defectradar.detection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExposureTest {

    private static final LocalDate FROM = LocalDate.of(2021, 1, 1);
    private static final double DAY0 = FROM.toEpochDay();

    @Test
    void unitsEnterServiceEvenlyOverTheProductionPeriod() {
        // 3,000 units built over 30 days (Jan 1 .. Jan 30 inclusive): after 10 days a third is on the road,
        // the integral of the ramp is 3000 · 10² / (2 · 30) = 5,000 unit-days
        assertEquals(5_000, Exposure.unitDays(3000, FROM, FROM.plusDays(29), DAY0, DAY0 + 10), 1e-9);
        // the whole ramp is worth half its length in full units, then every unit counts every day
        assertEquals(3000 * 15 + 3000 * 10, Exposure.unitDays(3000, FROM, FROM.plusDays(29), DAY0, DAY0 + 40), 1e-9);
    }

    @Test
    void aSpanLeavesOutWhatCameBefore() {
        assertEquals(3000 * 10, Exposure.unitDays(3000, FROM, FROM.plusDays(29), DAY0 + 40, DAY0 + 50), 1e-9);
        assertEquals(0, Exposure.unitDays(3000, FROM, FROM.plusDays(29), DAY0 - 20, DAY0), 1e-9);
    }

    @Test
    void withoutAProductionPeriodAllUnitsCountThroughout() {
        assertEquals(2000 * 7, Exposure.unitDays(2000, null, null, DAY0, DAY0 + 7), 1e-9);
        assertEquals(0, Exposure.unitDays(2000, null, null, DAY0 + 7, DAY0), 1e-9);
    }
}

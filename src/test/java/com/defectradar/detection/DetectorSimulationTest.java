package com.defectradar.detection;

import com.defectradar.support.FleetSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure pipeline over simulated fleets: planted patterns found, decoys and background left alone. */
class DetectorSimulationTest {

    private static final Detector.Settings DEFAULTS = DetectorDefaults.SETTINGS;
    /** The same with one level for every batch, young or old. */
    private static final Detector.Settings FLAT = DetectorDefaults.withEarlyLifeWeight(1);
    private static final String COLD = "battery|range_drop|bat-2022-11-a";
    private static final String INFANT = "drive_unit|inverter_fault|dri-2022-05-a";
    private static final String RELEASE = "lv_power|dcdc_fault||lv-3.0";

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void findsThePlantedPatternsAndNothingElse(long seed) {
        FleetSimulator.Fleet fleet = new FleetSimulator(seed, true).generate();
        Set<String> alerts = SimulatedFleets.replay(fleet, new Detector(DEFAULTS), 3).keySet();
        assertEquals(Set.of(COLD, INFANT, RELEASE), alerts);
    }

    /**
     * A batch in its early life gets five times the level: the two planted batch defects, both in young batches,
     * are confirmed runs earlier than at one level for all (seed 1: the cold batch on day 348 instead of 357, the
     * infant inverters on day 150 instead of 153); the faulty release, a firmware version, is not affected.
     */
    @Test
    void youngBatchesAreConfirmedEarlierThanAtOneLevelForAll() {
        FleetSimulator.Fleet fleet = new FleetSimulator(1, true).generate();
        Map<String, Double> weighted = SimulatedFleets.replay(fleet, new Detector(DEFAULTS), 3);
        Map<String, Double> flat = SimulatedFleets.replay(fleet, new Detector(FLAT), 3);
        assertTrue(weighted.get(COLD) < flat.get(COLD), weighted + " vs " + flat);
        assertTrue(weighted.get(INFANT) < flat.get(INFANT), weighted + " vs " + flat);
        assertEquals(flat.get(RELEASE), weighted.get(RELEASE));
    }

    /**
     * One defect, one alert: in this fleet the infant batch's inverter faults also made its firmware DU-2.0 look
     * faulty (an alert of its own before the re-test); without the confirmed batch, the version is in line with the fleet.
     */
    @Test
    void aBatchDefectIsNotRaisedAgainUnderItsFirmware() {
        Map<String, Double> alerts = SimulatedFleets.replay(new FleetSimulator(3, true).generate(), new Detector(DEFAULTS), 3);
        assertTrue(alerts.containsKey(INFANT), alerts.toString());
        assertFalse(alerts.containsKey("drive_unit|inverter_fault||du-2.0"), alerts.toString());
    }

    /**
     * The false-alarm budget is under one a month; four fleet-years of runs every three days without a defect
     * must stay far below it (the design figure in docs/detection.md comes from more of these).
     */
    @Test
    void fleetsWithoutDefectsStayWithinTheFalseAlarmBudget() {
        int falseAlerts = 0;
        for (long seed = 11; seed <= 14; seed++) {
            falseAlerts += SimulatedFleets.replay(new FleetSimulator(seed, false).generate(), new Detector(DEFAULTS), 3).size();
        }
        assertTrue(falseAlerts <= 2, falseAlerts + " false alerts in 48 fleet-months");
    }

    /**
     * The design figure in docs/detection.md: twenty defect-free fleet-years with a run every day. About a minute,
     * so only on request: {@code ./mvnw test -Dtest=DetectorSimulationTest -Dradar.measure.null-rate=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "radar.measure.null-rate", matches = "true")
    void twentyFleetYearsOfDailyRunsStayFarBelowTheBudget() {
        int falseAlerts = 0;
        for (long seed = 11; seed <= 30; seed++) {
            falseAlerts += SimulatedFleets.replay(new FleetSimulator(seed, false).generate(), new Detector(DEFAULTS), 1).size();
        }
        System.out.printf("null rate: %d false alerts in 240 fleet-months%n", falseAlerts);
        assertTrue(falseAlerts <= 6, falseAlerts + " false alerts in 240 fleet-months");
    }

    /**
     * The early-life level's cost and gain in docs/detection.md: twenty more planted fleet-years (seeds 3–22, a run
     * every three days) with and without it. Measured: 59 of 60 planted patterns either way; 7 other alerts
     * against 5 at one level for all. On request with the null rate ({@code -Dradar.measure.null-rate=true}).
     */
    @Test
    @EnabledIfSystemProperty(named = "radar.measure.null-rate", matches = "true")
    void twentyPlantedFleetYearsWithAndWithoutTheEarlyLifeLevel() {
        for (Detector.Settings settings : List.of(FLAT, DEFAULTS)) {
            int found = 0;
            int others = 0;
            for (long seed = 3; seed <= 22; seed++) {
                Set<String> alerts = SimulatedFleets.replay(new FleetSimulator(seed, true).generate(), new Detector(settings), 3).keySet();
                int planted = (int) alerts.stream().filter(Set.of(COLD, INFANT, RELEASE)::contains).count();
                found += planted;
                others += alerts.size() - planted;
            }
            System.out.printf("early-life weight %.0f: %d of 60 planted patterns, %d other alerts in 20 planted fleet-years%n",
                    settings.earlyLifeWeight(), found, others);
            assertTrue(found >= 57 && others <= 12, found + " planted, " + others + " others");
        }
    }

    @Test
    void theLemonAndTheRetriesAreOneUnitAndOneTicket() {
        FleetSimulator.Fleet fleet = new FleetSimulator(3, false).generate();
        List<TicketPoint> lemon = SimulatedFleets.points(fleet).stream()
                .filter(p -> p.unitId().equals("U" + FleetSimulator.LEMON_BATCH + "-77")).toList();
        assertEquals(7, lemon.size());
        assertEquals(1, ExcessTest.units(lemon));
        assertEquals(fleet.tickets().size() - 6, SimulatedFleets.points(fleet).size());
    }
}

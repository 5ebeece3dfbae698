package com.defectradar.demo;

import com.defectradar.common.Codes;
import com.defectradar.detection.FleetHistories;
import com.defectradar.detection.BatchInfo;
import com.defectradar.detection.Detector;
import com.defectradar.detection.DetectorDefaults;
import com.defectradar.detection.TicketPoint;
import com.defectradar.ticket.TicketInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's story through the real detection pipeline (the pure Detector with the service's defaults), a run
 * per simulated day as the demo does: the battery case is confirmed once its cases are in, within the stream's
 * first minute at one day per second, and nothing else in the fleet raises an alert.
 */
class DemoFleetTest {

    /**
     * The demo's own seed, in whichever January the demo happens to tell (it depends on today's date); 2021 is
     * the winter the dashboard's browser test replays.
     */
    @ParameterizedTest(name = "January {0}")
    @ValueSource(ints = {2021, 2026, 2027, 2028})
    void theDemoStoryRaisesTheBatteryAlertWithItsCasesAndNothingElse(int year) {
        DemoFleet.Plan plan = DemoFleet.generate(DemoSettings.DEFAULT_SEED, LocalDate.of(year, 1, 1));
        assertTrue(plan.tickets().size() > 2000 && plan.tickets().size() < 8000, plan.tickets().size() + " tickets");
        assertEquals(6, plan.coldCaseDays().size());

        Map<String, LocalDate> alerts = replay(plan);
        String expected = "battery|range_drop|" + Codes.key(plan.coldBatch());
        assertEquals(List.of(expected), List.copyOf(alerts.keySet()), "alerts: " + alerts);
        LocalDate raised = alerts.get(expected);
        assertTrue(!raised.isBefore(plan.coldCaseDays().get(3)) && !raised.isAfter(plan.coldCaseDays().getLast().plusDays(1)),
                "confirmed with the fourth, fifth or sixth case, not on " + raised + " (cases " + plan.coldCaseDays() + ")");
        long secondsIntoStream = raised.toEpochDay() - plan.streamFrom().toEpochDay() + 1;
        assertTrue(secondsIntoStream <= 40, "at one day per second the alert comes " + secondsIntoStream + " s into the stream");
    }

    /**
     * Other seeds, other weather and background: the case is not tuned to one lucky draw. Six cases are near the
     * detector's threshold by design (docs/detection.md: fleet-2020's battery case is confirmed with its fifth),
     * so the test asks for most seeds, not all (measured: 8 of 8 within three days of the sixth case, no other alert).
     */
    @Test
    void acrossSeedsTheCaseIsUsuallyConfirmedInTimeAndNothingElseEver() {
        int onTime = 0;
        List<String> falseAlerts = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            DemoFleet.Plan plan = DemoFleet.generate(seed, LocalDate.of(2026, 1, 1));
            String expected = "battery|range_drop|" + Codes.key(plan.coldBatch());
            for (Map.Entry<String, LocalDate> alert : replay(plan).entrySet()) {
                if (!alert.getKey().equals(expected)) {
                    falseAlerts.add("seed " + seed + ": " + alert);
                } else if (!alert.getValue().isAfter(plan.coldCaseDays().getLast().plusDays(3))) {
                    onTime++;
                }
            }
        }
        // 8 streams of two months: the detector's budget of under one false alert a month allows one at most
        assertTrue(falseAlerts.size() <= 1, "false alerts: " + falseAlerts);
        assertTrue(onTime >= 6, onTime + " of 8 seeds confirmed the case by three days after its sixth case");
    }

    /** Every signature confirmed by a daily run over the stream, with the day it was first confirmed. */
    static Map<String, LocalDate> replay(DemoFleet.Plan plan) {
        List<TicketPoint> points = points(plan.tickets());
        Map<String, BatchInfo> batches = plan.batches().stream().map(b -> new BatchInfo(Codes.key(b.batchId()),
                        b.batchId(), b.component(), b.unitsProduced(), b.producedFrom(), b.producedTo(), b.unitRecallCost(), "CNY"))
                .collect(Collectors.toMap(BatchInfo::key, Function.identity()));
        Detector detector = new Detector(DetectorDefaults.SETTINGS);
        Map<String, LocalDate> firstSeen = new LinkedHashMap<>();
        for (LocalDate day = plan.streamFrom(); !day.isAfter(plan.streamTo()); day = day.plusDays(1)) {
            double asOf = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 86400.0;
            LocalDate today = day;
            detector.detect(asOf, points, batches, FleetHistories.asOf(asOf, points, batches)).findings()
                    .forEach(f -> firstSeen.putIfAbsent(f.signature().cell().signatureKey(), today));
        }
        return firstSeen;
    }

    /** As the service's WindowLoader would see the tickets: codes as keys, days since the epoch. */
    static List<TicketPoint> points(List<TicketInput> tickets) {
        List<TicketPoint> points = new ArrayList<>();
        for (TicketInput t : tickets) {
            points.add(new TicketPoint(points.size() + 1, t.unitId(), Codes.key(t.component()), Codes.key(t.symptomCode()),
                    Codes.key(t.productionBatch()), Codes.key(t.firmwareVersion()), Codes.key(t.model()),
                    Codes.key(t.region()), t.ambientTemperatureC(), (double) t.productionDate().toEpochDay(),
                    t.occurredAt().getEpochSecond() / 86400.0, t.mileageKm()));
        }
        return points;
    }
}

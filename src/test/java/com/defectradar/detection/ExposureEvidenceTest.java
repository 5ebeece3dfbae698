package com.defectradar.detection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When a registered batch's exposure may carry the evidence: only where the batch's life so far confirms its
 * registered size. Ten batches of 10,000 units built on the same days; in the window the tested batch has 6
 * units with range drops and 30 with other faults, the nine others 1 and 30 each. Expected p-values from scipy:
 * binom.sf(5, 15, 0.1) (exposure) and hypergeom.sf(5, 315, 15, 36) (share).
 */
class ExposureEvidenceTest {

    private static final double AS_OF = LocalDate.of(2024, 3, 1).toEpochDay();
    private static final double EXPOSURE_P = 0.002249670085048001;
    private static final double SHARE_P = 0.0034394278130467706;

    @Test
    void exposureCarriesTheEvidenceWhenTheBatchsHistoryConfirmsItsSize() {
        assertEquals(EXPOSURE_P, evidence(30).pValue(), 1e-12);
    }

    @Test
    void theShareTestMustCarryItTooWhenTheBatchFailsMoreThanItsSizeExplains() {
        assertEquals(SHARE_P, evidence(180).pValue(), 1e-12);
    }

    private static Evidence evidence(int testedBatchOtherFailuresOverItsLife) {
        Map<String, BatchInfo> batches = new HashMap<>();
        Map<String, Map<String, Integer>> history = new HashMap<>();
        List<TicketPoint> points = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            String key = "bat-" + b;
            batches.put(key, new BatchInfo(key, key, "battery", 10_000, LocalDate.of(2023, 1, 1),
                    LocalDate.of(2023, 1, 31), null, null));
            int rangeDrops = b == 0 ? 6 : 1;
            for (int u = 0; u < rangeDrops + 30; u++) {
                points.add(new TicketPoint(points.size() + 1, key + "-" + u, "battery",
                        u < rangeDrops ? "range_drop" : "charge_fault", key, null, null, null, null, null,
                        AS_OF - 1 - u % 50, null));
            }
            history.put(FleetHistory.key("battery", key),
                    Map.of("charge_fault", b == 0 ? testedBatchOtherFailuresOverItsLife : 30));
        }
        Cell cell = new Cell("battery", "range_drop", Cell.Kind.BATCH, "bat-0");
        ExcessTest test = new ExcessTest(AS_OF, List.of(56), 5, 0.01, points, batches, new FleetHistory(history, Map.of(), Map.of()));
        return test.evaluate(SignatureExtractor.ofCell(cell, points.stream()
                .filter(p -> cell.contains(p) && p.symptom().equals("range_drop")).toList()));
    }
}

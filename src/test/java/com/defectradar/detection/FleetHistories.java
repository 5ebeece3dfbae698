package com.defectradar.detection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fleet's history as WindowLoader's aggregates compute it, for replays without a database. */
public final class FleetHistories {

    /** The service's defaults: a 56-day look-back window and a year of baseline before it. */
    private static final int LOOKBACK_DAYS = 56;
    private static final int BASELINE_DAYS = 365;

    private FleetHistories() {
    }

    public static FleetHistory asOf(double asOfDay, List<TicketPoint> points, Map<String, BatchInfo> batches) {
        double baselineTo = asOfDay - LOOKBACK_DAYS;
        double baselineFrom = baselineTo - BASELINE_DAYS;
        Map<String, Map<String, Set<String>>> batchUnits = new HashMap<>();
        Map<String, Map<String, Set<String>>> baselineUnits = new HashMap<>();
        Map<String, Set<String>> baselineTotals = new HashMap<>();
        for (TicketPoint p : points) {
            BatchInfo batch = p.batch() == null ? null : batches.get(p.batch());
            if (batch != null && batch.producedFrom() != null && p.occurredDay() <= asOfDay
                    && p.occurredDay() >= batch.producedFrom().toEpochDay()) {
                batchUnits.computeIfAbsent(FleetHistory.key(p.component(), p.batch()), k -> new HashMap<>())
                        .computeIfAbsent(p.symptom(), k -> new HashSet<>()).add(p.unitId());
            }
            if (p.occurredDay() > baselineFrom && p.occurredDay() <= baselineTo) {
                baselineUnits.computeIfAbsent(p.component(), k -> new HashMap<>())
                        .computeIfAbsent(p.symptom(), k -> new HashSet<>()).add(p.unitId());
                baselineTotals.computeIfAbsent(p.component(), k -> new HashSet<>()).add(p.unitId());
            }
        }
        Map<String, Integer> totals = new HashMap<>();
        baselineTotals.forEach((component, units) -> totals.put(component, units.size()));
        return new FleetHistory(counts(batchUnits), counts(baselineUnits), totals);
    }

    private static Map<String, Map<String, Integer>> counts(Map<String, Map<String, Set<String>>> units) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        units.forEach((key, bySymptom) -> {
            Map<String, Integer> c = new HashMap<>();
            bySymptom.forEach((symptom, u) -> c.put(symptom, u.size()));
            counts.put(key, c);
        });
        return counts;
    }
}

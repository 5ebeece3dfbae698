package com.defectradar.detection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The batches' failure history as WindowLoader's aggregate computes it, for replays without a database. */
public final class BatchHistories {

    private BatchHistories() {
    }

    public static BatchHistory asOf(double asOfDay, List<TicketPoint> points, Map<String, BatchInfo> batches) {
        Map<String, Map<String, Set<String>>> units = new HashMap<>();
        for (TicketPoint p : points) {
            BatchInfo batch = p.batch() == null ? null : batches.get(p.batch());
            if (batch != null && batch.producedFrom() != null && p.occurredDay() <= asOfDay
                    && p.occurredDay() >= batch.producedFrom().toEpochDay()) {
                units.computeIfAbsent(BatchHistory.key(p.component(), p.batch()), k -> new HashMap<>())
                        .computeIfAbsent(p.symptom(), k -> new HashSet<>()).add(p.unitId());
            }
        }
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        units.forEach((batch, bySymptom) -> {
            Map<String, Integer> c = new HashMap<>();
            bySymptom.forEach((symptom, u) -> c.put(symptom, u.size()));
            counts.put(batch, c);
        });
        return new BatchHistory(counts);
    }
}

package com.defectradar.detection;

import java.util.Map;

/**
 * What the fleet did before and beyond the look-back window, as two aggregates read by SQL:
 * each registered batch's units per symptom over its whole service life up to the run (the batch's general
 * failure level, which a window alone is too short to judge), and each component's units per symptom over
 * the baseline period before the window (its long-run symptom mix).
 *
 * @param batchUnits     units by {@code component|batch}, then by symptom, since the batch's production start
 * @param baselineUnits  units by component, then by symptom, in the baseline period
 * @param baselineTotals units by component with any symptom in the baseline period
 */
public record FleetHistory(Map<String, Map<String, Integer>> batchUnits, Map<String, Map<String, Integer>> baselineUnits,
                           Map<String, Integer> baselineTotals) {

    /** Fewest units of a component in the baseline period for its symptom mix to count as known. */
    static final int MIN_BASELINE_UNITS = 100;

    static String key(String component, String batch) {
        return component + "|" + batch;
    }

    /** Units of a batch with a symptom of the component other than the one given (a unit per symptom). */
    int otherSymptomUnits(String component, String batch, String symptom) {
        return batchUnits.getOrDefault(key(component, batch), Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(symptom)).mapToInt(Map.Entry::getValue).sum();
    }

    /** Whether the batch ever reported a ticket of the component. */
    boolean reports(String component, String batch) {
        return batchUnits.containsKey(key(component, batch));
    }

    /** The symptom's share of the component's units in the baseline period; NaN where too few units tell. */
    double baselineShare(String component, String symptom) {
        int total = baselineTotals.getOrDefault(component, 0);
        if (total < MIN_BASELINE_UNITS) {
            return Double.NaN;
        }
        // Half a unit of prior keeps a symptom never seen before from having a share of zero.
        return (baselineUnits.getOrDefault(component, Map.of()).getOrDefault(symptom, 0) + 0.5) / (total + 1.0);
    }
}

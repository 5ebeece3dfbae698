package com.defectradar.detection;

import java.util.Map;

/**
 * Each registered batch's units with each symptom over its whole service life up to the run — the
 * batch's general failure level, which a look-back window alone is too short to judge.
 *
 * @param units units by {@code component|batch}, then by symptom
 */
public record BatchHistory(Map<String, Map<String, Integer>> units) {

    static String key(String component, String batch) {
        return component + "|" + batch;
    }

    /** Units of a batch with a symptom of the component other than the one given (a unit per symptom). */
    int otherSymptomUnits(String component, String batch, String symptom) {
        return units.getOrDefault(key(component, batch), Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(symptom)).mapToInt(Map.Entry::getValue).sum();
    }
}

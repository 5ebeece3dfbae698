package com.defectradar.detection;

import java.time.LocalDate;

/**
 * What a candidate pattern's members share: its cell, the firmware most of a batch pattern runs (descriptive),
 * an optional temperature band that is part of the test, and the production range of the members (descriptive).
 */
public record Signature(Cell cell, String firmware, Band temperature, LocalDate producedFrom, LocalDate producedTo) {

    /** An inclusive temperature range in °C. */
    public record Band(double min, double max) {
        boolean contains(Double value) {
            return value != null && value >= min && value <= max;
        }
    }

    /** A case of this signature: the cell's symptom, within the band when there is one. */
    boolean isCase(TicketPoint point) {
        return cell.symptom().equals(point.symptom()) && (temperature == null || temperature.contains(point.temperature()));
    }

    /** Conditions chosen from the data, each of which makes the test look at the best of several options. */
    int derivedConditions() {
        return temperature == null ? 0 : 1;
    }
}

package com.defectradar.detection;

/**
 * A place a defect can sit: one symptom of one component within one production batch, or within one
 * firmware version across batches.
 */
public record Cell(String component, String symptom, Kind kind, String key) {

    public enum Kind { BATCH, FIRMWARE }

    boolean contains(TicketPoint point) {
        return key.equals(kind == Kind.BATCH ? point.batch() : point.firmware());
    }

    /** The alert identity: later runs that find the same cell update its alert instead of opening another. */
    public String signatureKey() {
        return kind == Kind.BATCH
                ? component + "|" + symptom + "|" + key
                : component + "|" + symptom + "||" + key;
    }
}

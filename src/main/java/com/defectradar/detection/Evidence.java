package com.defectradar.detection;

import java.util.List;

/**
 * The statistics behind a candidate: units observed against units expected, over the look-back window
 * that showed the strongest excess, and the p-value after the adjustments for that choice.
 */
public record Evidence(int observed, double expected, double pValue, int windowDays, String method,
                       List<TicketPoint> members) {

    double rateRatio() {
        return expected > 0 ? observed / expected : Double.POSITIVE_INFINITY;
    }
}

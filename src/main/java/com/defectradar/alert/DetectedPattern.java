package com.defectradar.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a detection run confirmed: a signature, the statistics that confirm it, and the member tickets.
 * {@code signatureKey} is the pattern's identity across runs.
 */
public record DetectedPattern(
        String signatureKey,
        String component,
        String symptomCode,
        String productionBatch,
        String firmwareVersion,
        Double temperatureMin,
        Double temperatureMax,
        LocalDate productionFrom,
        LocalDate productionTo,
        List<Long> memberTicketIds,
        int observed,
        double expected,
        double pValue,
        String method,
        Integer unitsProduced,
        BigDecimal unitRecallCost,
        String currency,
        String title,
        String summary) {

    public double rateRatio() {
        return expected > 0 ? observed / expected : Double.POSITIVE_INFINITY;
    }

    public BigDecimal estimatedRecallCost() {
        return unitsProduced == null || unitRecallCost == null ? null
                : unitRecallCost.multiply(BigDecimal.valueOf(unitsProduced));
    }
}

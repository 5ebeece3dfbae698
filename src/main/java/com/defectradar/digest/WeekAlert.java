package com.defectradar.digest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An alert as it stood at the end of a digest's week: its status then (from the history), since when, and its
 * member tickets received before the week began and before it ended. Statistics and money are the alert's
 * current values; the alert keeps no history of them.
 */
public record WeekAlert(
        long id,
        String severity,
        String title,
        String summary,
        String component,
        String symptomCode,
        String productionBatch,
        String firmwareVersion,
        Double temperatureMin,
        Double temperatureMax,
        LocalDate productionFrom,
        LocalDate productionTo,
        Instant detectedAt,
        double rateRatio,
        BigDecimal estimatedRecallCost,
        String currency,
        String statusAtEnd,
        Instant statusSince,
        int ticketsAtStart,
        int ticketsAtEnd,
        int unitsAtEnd) {
}

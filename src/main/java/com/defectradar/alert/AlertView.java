package com.defectradar.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An alert as the API shows it. */
public record AlertView(
        long id,
        AlertStatus status,
        Severity severity,
        String title,
        String summary,
        Signature signature,
        int ticketCount,
        int unitCount,
        Instant firstOccurredAt,
        Instant lastOccurredAt,
        Instant detectedAt,
        Instant updatedAt,
        Statistics statistics,
        Exposure exposure,
        List<HistoryEntry> history) {

    public record Signature(String component, String symptomCode, String productionBatch, String firmwareVersion,
                            Range<Double> temperatureC, DateRange productionDate) {
    }

    public record Range<T>(T min, T max) {
    }

    public record DateRange(LocalDate from, LocalDate to) {
    }

    public record Statistics(int observed, double expected, double rateRatio, double pValue, String method) {
    }

    public record Exposure(Integer unitsProduced, BigDecimal estimatedRecallCost, String currency) {
    }

    public record HistoryEntry(Instant at, AlertStatus status, String actor, String note) {
    }

    static AlertView of(Alert a, List<AlertHistory> history) {
        Range<Double> temperature = a.temperatureMin == null && a.temperatureMax == null ? null
                : new Range<>(a.temperatureMin, a.temperatureMax);
        DateRange production = a.productionFrom == null && a.productionTo == null ? null
                : new DateRange(a.productionFrom, a.productionTo);
        Exposure exposure = a.unitsProduced == null ? null
                : new Exposure(a.unitsProduced, a.estimatedRecallCost, a.currency);
        return new AlertView(a.id, a.status, a.severity, a.title, a.summary,
                new Signature(a.component, a.symptomCode, a.productionBatch, a.firmwareVersion, temperature, production),
                a.ticketCount, a.unitCount, a.firstOccurredAt, a.lastOccurredAt, a.detectedAt, a.updatedAt,
                new Statistics(a.observed, a.expected, a.rateRatio, a.pValue, a.method), exposure,
                history.stream().map(h -> new HistoryEntry(h.at, h.status, h.actor, h.note)).toList());
    }
}

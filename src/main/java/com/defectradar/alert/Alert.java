package com.defectradar.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One engineering alert: a confirmed pattern, its evidence in numbers, and where it stands. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String signatureKey;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String title;
    public String summary;
    public String component;
    public String symptomCode;
    public String productionBatch;
    public String firmwareVersion;
    public Double temperatureMin;
    public Double temperatureMax;
    public LocalDate productionFrom;
    public LocalDate productionTo;
    public int ticketCount;
    public int unitCount;
    public Instant firstOccurredAt;
    public Instant lastOccurredAt;
    public Instant detectedAt;
    public Instant updatedAt;
    public int observed;
    public double expected;
    public double rateRatio;
    public double pValue;
    public String method;
    public Integer unitsProduced;
    public BigDecimal estimatedRecallCost;
    public String currency;
    public Instant resolvedAt;
    public Integer dismissedTicketCount;
    public Long lastRunId;
    /** Optimistic lock: concurrent transitions on one alert are serialized, the loser is told. */
    @Version
    public long version;
}

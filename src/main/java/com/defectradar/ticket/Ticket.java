package com.defectradar.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored repair ticket. Rows are written in bulk by {@link TicketWriter}; the entity serves reads.
 * The {@code *Key} columns hold the trimmed lower-case codes that all comparisons use.
 */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public Long id;
    public String source;
    public String ticketId;
    public String unitId;
    public String component;
    public String componentKey;
    public String symptomCode;
    public String symptomKey;
    public Instant occurredAt;
    public String productionBatch;
    public String batchKey;
    public LocalDate productionDate;
    public String firmwareVersion;
    public String firmwareKey;
    @Column(name = "ambient_temperature_c")
    public Double ambientTemperatureC;
    public String model;
    public String serviceCenter;
    public String region;
    public Double mileageKm;
    public String description;
    public Double laborHours;
    public BigDecimal partsCost;
    public String currency;
    public String contentHash;
    public Instant receivedAt;
}

package com.defectradar.batch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A registered production batch: the units in service that turn ticket counts into failure rates. */
@Entity
@Table(name = "production_batch")
public class ProductionBatch extends PanacheEntityBase {

    /** Trimmed lower-case batch id: batches are matched to tickets case-insensitively. */
    @Id
    public String batchKey;
    public String batchId;
    public String component;
    public String componentKey;
    public int unitsProduced;
    public LocalDate producedFrom;
    public LocalDate producedTo;
    public BigDecimal unitRecallCost;
    public String currency;
    public Instant updatedAt;
}

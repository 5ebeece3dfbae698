package com.defectradar.digest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The delivery record of one week's digest to one recipient list; unique per (weekStart, recipientList). */
@Entity
@Table(name = "digest_delivery")
public class DigestDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public LocalDate weekStart;
    public String recipientList;
    /** Comma-separated, as decided when the row was recorded: a retry goes to the same people. */
    public String recipients;
    @Enumerated(EnumType.STRING)
    public DeliveryState state;
    public int alertCount;
    public String subject;
    public String htmlBody;
    public String textBody;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant lastAttemptAt;
    public String lastError;
    public Instant createdAt;
    public Instant sentAt;
    public String trigger;

    public List<String> recipientAddresses() {
        return Arrays.stream(recipients.split(",")).filter(a -> !a.isBlank()).toList();
    }

    static Optional<DigestDelivery> find(LocalDate weekStart, String recipientList) {
        return find("weekStart = ?1 and recipientList = ?2", weekStart, recipientList).firstResultOptional();
    }

    static List<DigestDelivery> ofWeek(LocalDate weekStart) {
        return list("weekStart = ?1 order by id", weekStart);
    }
}

package com.defectradar.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An entry of an alert's audit trail: who moved it where, when, and why. */
@Entity
@Table(name = "alert_history")
public class AlertHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long alertId;
    public Instant at;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    public String actor;
    public String note;

    static AlertHistory record(Alert alert, String actor, String note) {
        AlertHistory entry = new AlertHistory();
        entry.alertId = alert.id;
        entry.at = alert.updatedAt;
        entry.status = alert.status;
        entry.actor = actor;
        entry.note = note;
        entry.persist();
        return entry;
    }

    static List<AlertHistory> of(long alertId) {
        return list("alertId = ?1 order by at, id", alertId);
    }

    /** The histories of several alerts in one query (a list page), by alert id. */
    static Map<Long, List<AlertHistory>> of(Collection<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return Map.of();
        }
        return AlertHistory.<AlertHistory>list("alertId in ?1 order by at, id", alertIds).stream()
                .collect(Collectors.groupingBy(h -> h.alertId));
    }
}

package com.defectradar.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Announces an alert change from inside the transaction that makes it. PostgreSQL delivers the NOTIFY only
 * when that transaction commits, to every instance listening ({@link AlertChangeListener}), in commit order;
 * a rolled-back change is never announced. The CDI event reaches after-commit observers of this instance
 * (metrics count each change once, where it happened).
 */
@ApplicationScoped
public class AlertChanges {

    static final String CHANNEL = "radar_alert_changes";

    private final ObjectMapper mapper;
    private final Event<AlertChanged> events;

    public AlertChanges(ObjectMapper mapper, Event<AlertChanged> events) {
        this.mapper = mapper;
        this.events = events;
    }

    void announce(Alert alert, AlertChange change) {
        AlertChanged changed = new AlertChanged(alert.id, change, alert.updatedAt);
        String payload;
        try {
            payload = mapper.writeValueAsString(changed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an alert change notification", e);
        }
        Panache.getEntityManager().createNativeQuery("select 1 from (select pg_notify(?1, ?2)) notified")
                .setParameter(1, CHANNEL).setParameter(2, payload).getSingleResult();
        events.fire(changed);
    }
}

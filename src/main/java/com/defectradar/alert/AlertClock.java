package com.defectradar.alert;

import com.defectradar.common.SqlValues;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The time of an alert change. Taking it locks the single clock row until the transaction ends, so alert
 * changes commit in the order of their {@code updatedAt}: whoever has seen {@code updatedAt = t} has seen every
 * change up to t, which makes ETags, cursors and {@code updatedSince} polls lossless (see V30 migration).
 * Values are wall-clock time, but strictly increasing even when two changes fall into one microsecond.
 *
 * <p>Take it before locking or updating any alert row, so that every writer locks in the same order
 * (clock, then alert) and none can deadlock with another.
 */
@ApplicationScoped
public class AlertClock {

    public Instant tick() {
        Object last = Panache.getEntityManager().createNativeQuery("""
                        update alert_clock set last = greatest(clock_timestamp(), last + interval '1 microsecond')
                        where id = 1 returning last""")
                .getSingleResult();
        return SqlValues.instant(last);
    }
}

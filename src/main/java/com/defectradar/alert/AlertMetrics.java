package com.defectradar.alert;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code radar_alerts_open{severity}}: alerts in status OPEN, counted in the database on each scrape (a
 * partial index answers it), so every instance reports the same truth whoever made the change.
 * {@code radar_alert_transitions_total{type}}: changes of status made by this instance, counted after commit
 * (open, reopen by detection; acknowledge, resolve, dismiss by engineers); Prometheus sums the instances.
 */
@Startup
@ApplicationScoped
public class AlertMetrics {

    private static final String COUNT_OPEN = "select count(*) from alert where status = 'OPEN' and severity = ?";

    private final AgroalDataSource dataSource;
    private final Map<AlertChange, Counter> transitions = new EnumMap<>(AlertChange.class);

    public AlertMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        for (Severity severity : Severity.values()) {
            Gauge.builder("radar.alerts.open", this, metrics -> metrics.countOpen(severity))
                    .tag("severity", severity.name())
                    .description("Alerts in status OPEN (not yet acknowledged, resolved or dismissed)")
                    .strongReference(true)
                    .register(registry);
        }
        for (AlertChange change : AlertChange.values()) {
            String type = type(change);
            if (type != null) {
                transitions.put(change, Counter.builder("radar.alert.transitions").tag("type", type)
                        .description("Alert status changes made by this instance").register(registry));
            }
        }
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        Counter counter = transitions.get(changed.change());
        if (counter != null) {
            counter.increment();
        }
    }

    /** The metric tag of a change of status; evidence updates change no status and are not counted. */
    static String type(AlertChange change) {
        return switch (change) {
            case OPENED -> "open";
            case REOPENED -> "reopen";
            case ACKNOWLEDGED -> "acknowledge";
            case RESOLVED -> "resolve";
            case DISMISSED -> "dismiss";
            case UPDATED -> null;
        };
    }

    private double countOpen(Severity severity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(COUNT_OPEN)) {
            query.setString(1, severity.name());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            // A scrape while the database is away reports "no value", not a misleading zero.
            Log.debugf("Open-alert gauge unavailable: %s", e.getMessage());
            return Double.NaN;
        }
    }
}

package com.defectradar.metrics;

import com.defectradar.alert.AlertPage;
import com.defectradar.alert.AlertService;
import com.defectradar.alert.AlertStatus;
import com.defectradar.alert.AlertView;
import com.defectradar.alert.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * radar_alerts_open{severity=...}: open and acknowledged alerts by severity, read from the database every
 * {@code radar.metrics.alerts-every} (default 30 s) rather than at scrape time, so a scrape never waits on
 * the database. Every instance reports the same fleet-wide figure: aggregate with max, not sum.
 */
@Startup
@ApplicationScoped
public class OpenAlertGauges {

    private final AlertService alerts;
    private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

    public OpenAlertGauges(AlertService alerts, MeterRegistry registry) {
        this.alerts = alerts;
        for (Severity severity : Severity.values()) {
            AtomicLong value = new AtomicLong();
            open.put(severity, value);
            Gauge.builder("radar.alerts.open", value, AtomicLong::get).tag("severity", severity.name())
                    .description("Open and acknowledged alerts, fleet-wide").register(registry);
        }
    }

    @Scheduled(every = "${radar.metrics.alerts-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        AlertService.AlertQuery query = new AlertService.AlertQuery(EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED),
                null, null, null);
        String cursor = null;
        do {
            AlertPage page = alerts.list(query, 500, cursor);
            for (AlertView alert : page.items()) {
                counts.merge(alert.severity(), 1L, Long::sum);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        open.forEach((severity, value) -> value.set(counts.getOrDefault(severity, 0L)));
    }
}

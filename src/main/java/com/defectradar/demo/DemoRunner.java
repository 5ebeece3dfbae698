package com.defectradar.demo;

import com.defectradar.alert.AlertService;
import com.defectradar.alert.AlertStatus;
import com.defectradar.alert.AlertView;
import com.defectradar.batch.BatchInput;
import com.defectradar.batch.BatchService;
import com.defectradar.detection.DetectionRunView;
import com.defectradar.detection.DetectionService;
import com.defectradar.metrics.RadarMetrics;
import com.defectradar.ticket.BatchIngestResult;
import com.defectradar.ticket.TicketInput;
import com.defectradar.ticket.TicketParser;
import com.defectradar.ticket.TicketService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * The demo mode: registers the demo fleet's batches, loads its autumn as history, then streams the winter one
 * simulated day per {@code radar.demo.day-every}, with a detection run as of the end of each day — so the
 * battery alert appears on the dashboard on the simulated day detection confirms it. Everything goes
 * through the same services the API uses; nothing is written around them.
 */
@ApplicationScoped
public class DemoRunner {

    private static final int CHUNK = 2000;

    private final DemoSettings settings;
    private final DemoStatus status;
    private final BatchService batches;
    private final TicketService tickets;
    private final DetectionService detection;
    private final AlertService alerts;
    private final RadarMetrics metrics;
    private final boolean embeddedDatabase;
    private volatile Thread thread;

    public DemoRunner(DemoSettings settings, DemoStatus status, BatchService batches, TicketService tickets,
                      DetectionService detection, AlertService alerts, RadarMetrics metrics,
                      @ConfigProperty(name = "radar.embedded-db.active", defaultValue = "false") boolean embeddedDatabase) {
        this.settings = settings;
        this.status = status;
        this.batches = batches;
        this.tickets = tickets;
        this.detection = detection;
        this.alerts = alerts;
        this.metrics = metrics;
        this.embeddedDatabase = embeddedDatabase;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        if (!embeddedDatabase && !settings.allowExternalDatabase()) {
            Log.error("Demo not started: a database is configured, and the demo's invented tickets would mix with real ones."
                    + " Start without QUARKUS_DATASOURCE_JDBC_URL (embedded PostgreSQL), or set RADAR_DEMO_ALLOW_EXTERNAL_DATABASE=true.");
            return;
        }
        DemoFleet.Plan plan = DemoFleet.generate(settings.seed(), DemoFleet.storyJanuary(LocalDate.now(ZoneOffset.UTC)));
        thread = Thread.ofPlatform().name("demo").daemon().start(() -> {
            try {
                run(plan, settings.dayEvery());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                status.set(new DemoStatus.Snapshot(DemoStatus.Phase.FAILED, null, plan.streamFrom(), plan.streamTo(), 0, 0, null));
                Log.error("The demo stopped", e);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Runs the whole story on the calling thread; {@code dayEvery} zero streams as fast as detection runs. */
    public void run(DemoFleet.Plan plan, Duration dayEvery) throws InterruptedException {
        status.set(new DemoStatus.Snapshot(DemoStatus.Phase.LOADING_HISTORY, null, plan.streamFrom(), plan.streamTo(), 0, 0, null));
        for (DemoFleet.Batch b : plan.batches()) {
            batches.register(b.batchId(), new BatchInput(b.component(), b.unitsProduced(), b.producedFrom(), b.producedTo(),
                    b.unitRecallCost(), "CNY"));
        }
        List<TicketInput> history = plan.before(plan.streamFrom());
        int sent = send(history);
        detection.run(startOf(plan.streamFrom()));
        Log.infof("Demo: %d batches and %,d tickets of history (%s to %s) loaded. Streaming %s to %s, one day every %s:"
                        + " open /dashboard and watch for the battery alert in January.", plan.batches().size(), history.size(),
                plan.historyFrom(), plan.streamFrom().minusDays(1), plan.streamFrom(), plan.streamTo(),
                java.math.BigDecimal.valueOf(dayEvery.toMillis(), 3).stripTrailingZeros().toPlainString() + " s");

        int opened = 0;
        LocalDate firstAlertOn = null;
        long next = System.nanoTime();
        for (LocalDate day = plan.streamFrom(); !day.isAfter(plan.streamTo()); day = day.plusDays(1)) {
            List<TicketInput> today = plan.on(day);
            sent += send(today);
            DetectionRunView run = detection.run(startOf(day.plusDays(1)));
            metrics.run(run, "demo");
            opened += run.alertsOpened();
            if (firstAlertOn == null && run.alertsOpened() > 0) {
                firstAlertOn = day;
            }
            status.set(new DemoStatus.Snapshot(DemoStatus.Phase.STREAMING, day, plan.streamFrom(), plan.streamTo(), sent,
                    opened, firstAlertOn));
            Log.infof("Demo %s: %d tickets, detection over %,d in %d ms, %d alert(s) opened", day, today.size(),
                    run.ticketsConsidered(), Duration.between(run.startedAt(), run.finishedAt()).toMillis(), run.alertsOpened());
            if (run.alertsOpened() > 0) {
                announce(run);
            }
            next += dayEvery.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
        }
        status.set(new DemoStatus.Snapshot(DemoStatus.Phase.FINISHED, plan.streamTo(), plan.streamFrom(), plan.streamTo(), sent,
                opened, firstAlertOn));
        Log.infof("Demo finished: %,d tickets streamed, %d alert(s) opened.", sent, opened);
    }

    private int send(List<TicketInput> inputs) {
        int created = 0;
        for (int from = 0; from < inputs.size(); from += CHUNK) {
            List<TicketParser.Result> chunk = inputs.subList(from, Math.min(inputs.size(), from + CHUNK)).stream()
                    .<TicketParser.Result>map(TicketParser.Valid::new).toList();
            BatchIngestResult result = tickets.ingest(chunk);
            metrics.batch(result);
            created += result.created() + result.duplicates();
        }
        return created;
    }

    private void announce(DetectionRunView run) {
        // a plain thread has no request context: the read needs a transaction of its own
        List<AlertView> opened = QuarkusTransaction.requiringNew().call(() -> alerts.list(new AlertService.AlertQuery(
                EnumSet.of(AlertStatus.OPEN), null, null, run.startedAt().minusMillis(1)), 10, null).items());
        for (AlertView alert : opened) {
            Log.infof("ALERT %s: %s  → /dashboard/alerts/%d", alert.severity(), alert.summary(), alert.id());
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}

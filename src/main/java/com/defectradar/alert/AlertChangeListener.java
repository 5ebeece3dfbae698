package com.defectradar.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens for committed alert changes of every instance (PostgreSQL LISTEN on one dedicated connection) and
 * pushes them to this instance's stream subscribers. NOTIFY is transactional, so subscribers hear of a change
 * only once it is committed and readable, in commit order, whichever instance made it.
 *
 * <p>While the connection is down (database restart) changes are not pushed; clients catch up by polling
 * {@code updatedSince} with the id of the last event they received, as the API description says.
 */
@ApplicationScoped
public class AlertChangeListener {

    /** Longest wait for a notification before checking whether the service is stopping. */
    private static final int POLL_MILLIS = 500;

    private final AgroalDataSource dataSource;
    private final AlertStream stream;
    private final AlertService alerts;
    private final ObjectMapper mapper;
    private final Duration reconnect;
    private volatile boolean running;
    private Thread thread;

    public AlertChangeListener(AgroalDataSource dataSource, AlertStream stream, AlertService alerts,
                               ObjectMapper mapper, AlertSettings settings) {
        this.dataSource = dataSource;
        this.stream = stream;
        this.alerts = alerts;
        this.mapper = mapper;
        this.reconnect = settings.listenerReconnect();
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = Thread.ofPlatform().name("alert-change-listener").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2 * POLL_MILLIS);
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement listen = connection.createStatement()) {
                listen.execute("listen " + AlertChanges.CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                Log.debugf("Listening for alert changes on %s", AlertChanges.CHANNEL);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("Alert change listener lost its connection (%s); stream events are paused until it "
                            + "reconnects in %s", e.getMessage(), reconnect);
                    pause();
                }
            }
        }
    }

    private void deliver(String payload) {
        if (!stream.hasSubscribers()) {
            return;
        }
        try {
            AlertChanged changed = mapper.readValue(payload, AlertChanged.class);
            AlertView alert = QuarkusTransaction.requiringNew().call(() -> alerts.get(changed.alertId()));
            stream.publish(new AlertEvent(changed.change(), changed.updatedAt(), alert));
        } catch (Exception e) {
            // One bad notification must not stop the stream for every subscriber.
            Log.warnf(e, "Could not push alert change %s", payload);
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnect);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

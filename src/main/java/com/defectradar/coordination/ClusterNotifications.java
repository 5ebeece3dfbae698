package com.defectradar.coordination;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
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
import java.util.List;

/**
 * PostgreSQL LISTEN for every channel a {@link Listener} bean names, on one dedicated connection per instance.
 * NOTIFY is transactional, so a listener hears of a change only once it is committed and readable, in commit
 * order, whichever instance (or operator's SQL) made it.
 *
 * <p>While the connection is down notifications are lost. Listeners are told ({@code listening(false)}) when it
 * goes and again once it listens anew, so that whatever they keep on the strength of notifications (stream
 * subscribers, caches) can be dropped or bypassed meanwhile.
 */
@ApplicationScoped
public class ClusterNotifications {

    /** Reacts to the notifications of one channel; called on the listening thread, so it must be quick. */
    public interface Listener {

        String channel();

        void notified(String payload);

        /** false: notifications may be missed from now on; true: listening again (after a start or reconnect). */
        default void listening(boolean listening) {
        }
    }

    /** Longest wait for a notification before checking whether the service is stopping. */
    private static final int POLL_MILLIS = 500;

    private final AgroalDataSource dataSource;
    private final List<Listener> listeners;
    private final Duration reconnect;
    private volatile boolean running;
    private Thread thread;

    public ClusterNotifications(AgroalDataSource dataSource, @All List<Listener> listeners,
                                NotificationSettings settings) {
        this.dataSource = dataSource;
        this.listeners = listeners;
        this.reconnect = settings.reconnect();
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = Thread.ofPlatform().name("cluster-notifications").daemon().start(this::run);
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
                for (Listener listener : listeners) {
                    listen.execute("listen " + listener.channel());
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                Log.debugf("Listening for notifications on %d channel(s)", listeners.size());
                listeners.forEach(listener -> listener.listening(true));
                try {
                    receive(postgres);
                } finally {
                    listeners.forEach(listener -> listener.listening(false));
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("Lost the notification connection (%s); alert stream events are paused and caches "
                            + "bypassed until it reconnects in %s", e.getMessage(), reconnect);
                    pause();
                }
            }
        }
    }

    private void receive(PGConnection postgres) throws SQLException {
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    for (Listener listener : listeners) {
                        if (listener.channel().equals(notification.getName())) {
                            listener.notified(notification.getParameter());
                        }
                    }
                }
            }
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

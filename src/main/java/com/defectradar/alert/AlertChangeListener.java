package com.defectradar.alert;

import com.defectradar.coordination.ClusterNotifications;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pushes committed alert changes of every instance ({@link AlertChanges}' NOTIFY) to this instance's stream
 * subscribers, in commit order, whichever instance made them.
 *
 * <p>While the notification connection is down (database restart) changes are not pushed; clients catch up by
 * polling {@code updatedSince} with the id of the last event they received, as the API description says.
 */
@ApplicationScoped
public class AlertChangeListener implements ClusterNotifications.Listener {

    private final AlertStream stream;
    private final AlertService alerts;
    private final ObjectMapper mapper;

    public AlertChangeListener(AlertStream stream, AlertService alerts, ObjectMapper mapper) {
        this.stream = stream;
        this.alerts = alerts;
        this.mapper = mapper;
    }

    @Override
    public String channel() {
        return AlertChanges.CHANNEL;
    }

    @Override
    public void notified(String payload) {
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
}

package com.defectradar.alert;

import java.time.Instant;
import java.util.Map;

/** One server-sent event of the alert stream: its name, id and JSON data. */
public record StreamMessage(String name, String id, Object data) {

    /** First event of every subscription, sent once the subscriber is registered: no later change is missed. */
    static StreamMessage ready(Instant at) {
        return new StreamMessage("ready", null, Map.of("at", at.toString()));
    }

    static StreamMessage ping(Instant at) {
        return new StreamMessage("ping", null, Map.of("at", at.toString()));
    }

    /** The id is the change's updatedAt: a client that reconnects polls {@code updatedSince=<id>} to catch up. */
    static StreamMessage alert(AlertEvent event) {
        return new StreamMessage("alert", event.changedAt().toString(), event);
    }
}

package com.defectradar.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscribers of this instance's alert stream. Each gets its own bounded buffer, so one slow reader
 * can neither hold back the others nor make the server hoard events for it (its stream fails instead).
 */
@ApplicationScoped
public class AlertStream {

    private final Set<MultiEmitter<? super StreamMessage>> subscribers = ConcurrentHashMap.newKeySet();
    private final int buffer;
    private final Duration heartbeat;

    public AlertStream(AlertSettings settings) {
        this.buffer = settings.streamBuffer();
        this.heartbeat = settings.streamHeartbeat();
    }

    /** A {@code ready} event once registered, then every alert change, with {@code ping}s while it is quiet. */
    public Multi<StreamMessage> subscribe() {
        Multi<StreamMessage> changes = Multi.createFrom().emitter(emitter -> {
            subscribers.add(emitter);
            emitter.onTermination(() -> subscribers.remove(emitter));
            emitter.emit(StreamMessage.ready(Instant.now()));
        }, buffer);
        Multi<StreamMessage> pings = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                .map(tick -> StreamMessage.ping(Instant.now()));
        return Multi.createBy().merging().streams(changes, pings);
    }

    boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    void publish(AlertEvent event) {
        StreamMessage message = StreamMessage.alert(event);
        subscribers.forEach(subscriber -> subscriber.emit(message));
    }
}

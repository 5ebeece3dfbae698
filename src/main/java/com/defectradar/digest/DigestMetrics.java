package com.defectradar.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operations watches (Prometheus at /q/metrics):
 * {@code radar_digest_sent_total{list}}, {@code radar_digest_send_failures_total{list}} and
 * {@code radar_digest_deliveries{state}} — PENDING above 0 for long means SMTP keeps failing, UNCERTAIN above 0
 * needs an admin (see README "Weekly digest").
 */
@ApplicationScoped
public class DigestMetrics {

    private final MeterRegistry registry;
    private final Map<DeliveryState, AtomicLong> deliveries = new EnumMap<>(DeliveryState.class);

    public DigestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DeliveryState state : new DeliveryState[] {DeliveryState.PENDING, DeliveryState.UNCERTAIN}) {
            AtomicLong value = new AtomicLong();
            deliveries.put(state, value);
            Gauge.builder("radar.digest.deliveries", value, AtomicLong::get)
                    .description("Digest deliveries waiting: PENDING for a (re)try, UNCERTAIN for an admin")
                    .tag("state", state.name()).register(registry);
        }
    }

    void sent(String list) {
        Counter.builder("radar.digest.sent").description("Digests the SMTP server accepted")
                .tag("list", list).register(registry).increment();
    }

    void failed(String list) {
        Counter.builder("radar.digest.send.failures").description("Failed digest send attempts (each is retried)")
                .tag("list", list).register(registry).increment();
    }

    void waiting(DeliveryState state, long count) {
        AtomicLong value = deliveries.get(state);
        if (value != null) {
            value.set(count);
        }
    }
}

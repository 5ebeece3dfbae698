package com.defectradar.digest;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Fires on every instance, every radar.digest.check-every. Whether a digest is due is decided from the clock and
 * the delivery records, not by the firing itself, so a missed firing (restart, deploy at 08:00) costs nothing
 * and many instances firing at once send one e-mail per list.
 */
@ApplicationScoped
public class DigestSchedule {

    private final DigestService digests;

    public DigestSchedule(DigestService digests) {
        this.digests = digests;
    }

    @Scheduled(every = "${radar.digest.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        digests.tick(Instant.now());
    }
}

package com.defectradar.alert;

import com.defectradar.coordination.NotifiedCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The versions (ETags) of alert lists, kept until any alert row changes on any instance (the table's own notice,
 * migration V60): polls with If-None-Match are answered 304 without a query while nothing changed. At most
 * the notice's delay (milliseconds) after a commit a poll may still be told nothing changed, as if it had come
 * a moment earlier.
 */
@ApplicationScoped
public class AlertListVersions implements NotifiedCache.Owner {

    static final String CHANNEL = "radar_alert_rows";
    /** Distinct list requests (filters, limits, cursors) kept at once; more are answered from the database. */
    private static final int MAX_KEPT = 10_000;

    private final NotifiedCache<AlertService.ListRequest, AlertService.ListVersion> versions = new NotifiedCache<>(MAX_KEPT);

    AlertService.ListVersion get(AlertService.ListRequest request, Supplier<AlertService.ListVersion> read) {
        return versions.get(request, read);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public NotifiedCache<?, ?> cache() {
        return versions;
    }
}

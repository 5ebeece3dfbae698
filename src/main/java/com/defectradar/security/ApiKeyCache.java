package com.defectradar.security;

import com.defectradar.coordination.NotifiedCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The callers of issued keys that authenticated, so that a request with a known key costs no query. Any
 * change to the {@code api_key} table (a revocation, on any instance or by SQL) clears it through the table's
 * notice (migration V60); the instance that revokes has cleared it before it answers, the others within the
 * notice's delay. While the notification connection is down nothing is kept and every request reads the table.
 * Keyed by the key's hash, so the secrets themselves are not held; unknown keys are never kept.
 */
@ApplicationScoped
public class ApiKeyCache implements NotifiedCache.Owner {

    static final String CHANNEL = "radar_api_keys";
    private static final int MAX_KEPT = 100_000;

    private final NotifiedCache<String, Caller> callers = new NotifiedCache<>(MAX_KEPT);

    Optional<Caller> kept(String key) {
        return Optional.ofNullable(callers.kept(id(key)));
    }

    Optional<Caller> get(String key, Supplier<Optional<Caller>> read) {
        return Optional.ofNullable(callers.get(id(key), () -> read.get().orElse(null)));
    }

    /** This instance changed a key: forget at once rather than when the notice comes back. */
    void invalidate() {
        callers.invalidate();
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public NotifiedCache<?, ?> cache() {
        return callers;
    }

    private static String id(String key) {
        return HexFormat.of().formatHex(ApiKeySecrets.hash(key));
    }
}

package com.defectradar.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keys given in {@code radar.auth.bootstrap-keys}. They are kept in memory as hashes only and never written
 * to the database, so removing one from the configuration and restarting retires it everywhere.
 * A malformed entry stops the start: a service that silently runs without its admin key is worse.
 */
@Startup
@ApplicationScoped
public class BootstrapKeys {

    /** Shorter keys are accepted (operators choose them) but worth a warning. */
    private static final int RECOMMENDED_LENGTH = 20;

    private record Entry(Caller caller, byte[] hash) {
    }

    private final List<Entry> entries;

    public BootstrapKeys(AuthConfig config) {
        this.entries = parse(config.bootstrapKeys().orElse(List.of()));
        Log.infof("%d bootstrap API key(s) configured", entries.size());
    }

    /** The caller whose bootstrap key this is. Every entry is compared, so timing does not reveal which matched. */
    public Optional<Caller> match(String key) {
        byte[] hash = ApiKeySecrets.hash(key);
        Caller found = null;
        for (Entry entry : entries) {
            if (ApiKeySecrets.sameHash(entry.hash(), hash)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    static List<Entry> parse(List<String> configured) {
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String item = configured.get(i).strip();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            String role = colon < 0 ? "" : item.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String key = colon < 0 ? "" : item.substring(colon + 1).strip();
            // the messages name the entry by position, never by content: the content is a secret
            if (!Roles.ALL.contains(role)) {
                throw new IllegalStateException("radar.auth.bootstrap-keys entry " + (i + 1)
                        + " must read role:key with role reporter, engineer or admin");
            }
            if (key.isEmpty()) {
                throw new IllegalStateException("radar.auth.bootstrap-keys entry " + (i + 1) + " has an empty key");
            }
            if (key.length() < RECOMMENDED_LENGTH) {
                Log.warnf("radar.auth.bootstrap-keys entry %d (%s) is shorter than %d characters; use a long random key",
                        i + 1, role, RECOMMENDED_LENGTH);
            }
            parsed.add(new Entry(new Caller("bootstrap-" + role + "-" + (i + 1), role, null), ApiKeySecrets.hash(key)));
        }
        return List.copyOf(parsed);
    }
}

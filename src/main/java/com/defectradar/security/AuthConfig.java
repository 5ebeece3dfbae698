package com.defectradar.security;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Access settings, {@code radar.auth.*}. */
@ConfigMapping(prefix = "radar.auth")
public interface AuthConfig {

    /**
     * Keys that exist from the start, as {@code role:key,role:key,...} (environment
     * {@code RADAR_AUTH_BOOTSTRAP_KEYS}). Default: none, so only keys created through the admin API work, and
     * without an admin bootstrap key nobody can create one. They are held in memory only (as hashes) and are
     * retired by removing them from the configuration.
     */
    Optional<List<String>> bootstrapKeys();
}

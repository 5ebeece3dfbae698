package com.defectradar.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The demo mode ({@code radar.demo.*}; {@code RADAR_DEMO=true} switches it on, see docs/demo.md). */
@ConfigMapping(prefix = "radar.demo")
public interface DemoSettings {

    long DEFAULT_SEED = 2021;

    /** Stream the demo fleet at start. Off unless asked for: it writes thousands of invented tickets. */
    @WithDefault("false")
    boolean enabled();

    /** Wall-clock time per simulated day: one second shows the alert within a minute. */
    @WithDefault("1s")
    Duration dayEvery();

    /** Random seed of the fleet; the default tells the story docs/demo.md describes. */
    @WithDefault("2021")
    long seed();

    /**
     * Whether the demo may write into a configured (non-embedded) database. Off: invented tickets in a real
     * database would be mistaken for real ones.
     */
    @WithDefault("false")
    boolean allowExternalDatabase();
}

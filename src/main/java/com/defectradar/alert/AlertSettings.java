package com.defectradar.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Alert stream configuration ({@code radar.alerts.*}). */
@ConfigMapping(prefix = "radar.alerts")
public interface AlertSettings {

    /**
     * How often an idle stream sends a {@code ping} event. 25 s stays under the 30–60 s idle timeouts of common
     * proxies and load balancers, which would otherwise cut a quiet stream.
     */
    @WithDefault("25s")
    Duration streamHeartbeat();

    /**
     * Events buffered for one subscriber that reads too slowly; past this the stream ends with an error event
     * and the client reconnects and catches up by polling, instead of the server holding memory for it.
     */
    @WithDefault("512")
    int streamBuffer();
}

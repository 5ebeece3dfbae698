package com.defectradar.coordination;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The notification connection ({@code radar.notifications.*}). */
@ConfigMapping(prefix = "radar.notifications")
public interface NotificationSettings {

    /** Wait before the notification listener reconnects after losing its database connection. */
    @WithDefault("2s")
    Duration reconnect();
}

package com.defectradar.support;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The API key of a role from {@code radar.auth.bootstrap-keys}, for tests whose clients are not REST Assured
 * (the importer, the browser). Null when no keys are configured: then the service has no access control.
 */
public final class BootstrapKeys {

    private BootstrapKeys() {
    }

    public static String of(String role) {
        String keys = ConfigProvider.getConfig().getOptionalValue("radar.auth.bootstrap-keys", String.class).orElse("");
        for (String entry : keys.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length == 2 && parts[0].strip().equals(role)) {
                return parts[1].strip();
            }
        }
        return null;
    }
}

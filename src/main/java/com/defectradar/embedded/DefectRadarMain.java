package com.defectradar.embedded;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Starts the service. When no datasource URL is configured, a real PostgreSQL is started first and the
 * service is pointed at it, so a fresh machine needs nothing but a JDK.
 *
 * <p>This runs before Quarkus reads its configuration, so it reads the two plain settings it owns itself:
 * {@code radar.embedded-db.data-dir} / {@code RADAR_EMBEDDED_DB_DATA_DIR} (default {@code ~/.defect-radar/pgdata})
 * and {@code radar.embedded-db.port} / {@code RADAR_EMBEDDED_DB_PORT} (default 0: any free port).
 */
@QuarkusMain
public final class DefectRadarMain {

    private DefectRadarMain() {
    }

    public static void main(String... args) {
        if (EmbeddedDatabaseSettings.databaseConfigured()) {
            Quarkus.run(args);
            return;
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(
                EmbeddedDatabaseSettings.dataDirectory(), EmbeddedDatabaseSettings.port());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.username());
        try {
            Quarkus.run(args);
        } finally {
            database.close();
        }
    }

    /** Settings read from system properties and the environment, the way SmallRye Config would name them. */
    static final class EmbeddedDatabaseSettings {
        private EmbeddedDatabaseSettings() {
        }

        static boolean databaseConfigured() {
            return setting("quarkus.datasource.jdbc.url") != null;
        }

        static Path dataDirectory() {
            String configured = setting("radar.embedded-db.data-dir");
            return configured != null
                    ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".defect-radar", "pgdata");
        }

        static int port() {
            String configured = setting("radar.embedded-db.port");
            return configured != null ? Integer.parseInt(configured) : 0;
        }

        private static String setting(String property) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
            }
            return value == null || value.isBlank() ? null : value;
        }
    }
}

package com.defectradar.embedded;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts the service. When no datasource URL is configured, a real PostgreSQL is started first and the
 * service is pointed at it, so a fresh machine needs nothing but a JDK.
 *
 * <p>This runs before Quarkus reads its configuration, so it reads the plain settings it owns itself:
 * {@code radar.embedded-db.data-dir} / {@code RADAR_EMBEDDED_DB_DATA_DIR} (default {@code ~/.defect-radar/pgdata};
 * in demo mode a fresh temporary directory, removed at exit, so the demo never mixes with earlier data) and
 * {@code radar.embedded-db.port} / {@code RADAR_EMBEDDED_DB_PORT} (default 0: any free port). It tells the service
 * that the database is embedded ({@code radar.embedded-db.active}); in demo mode it also asks for plain-text
 * logs unless {@code radar.log.json} is set, since a person is reading them.
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
        boolean demo = EmbeddedDatabaseSettings.demo();
        Path dataDirectory = EmbeddedDatabaseSettings.dataDirectory();
        boolean throwaway = false;
        if (dataDirectory == null) {
            dataDirectory = demo ? temporaryDirectory() : EmbeddedDatabaseSettings.defaultDataDirectory();
            throwaway = demo;
        }
        if (demo && EmbeddedDatabaseSettings.setting("radar.log.json") == null) {
            System.setProperty("radar.log.json", "false");
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, EmbeddedDatabaseSettings.port());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.username());
        System.setProperty("radar.embedded-db.active", "true");
        try {
            Quarkus.run(args);
        } finally {
            database.close();
            if (throwaway) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    private static final String DEMO_PREFIX = "defect-radar-demo-pgdata";

    /**
     * A fresh directory for a demo database. Demos stopped by a signal leave theirs behind (PostgreSQL stops in
     * its own shutdown hook, after which nothing of ours runs), so earlier ones are removed here unless their
     * PostgreSQL still runs.
     */
    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory(DEMO_PREFIX);
            try (Stream<Path> earlier = Files.list(directory.getParent())) {
                earlier.filter(p -> p.getFileName().toString().startsWith(DEMO_PREFIX) && !p.equals(directory))
                        .filter(p -> !postgresRunsIn(p))
                        .forEach(DefectRadarMain::deleteRecursively);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean postgresRunsIn(Path dataDirectory) {
        try {
            return EmbeddedDatabase.postmaster(dataDirectory).isPresent();
        } catch (IOException | RuntimeException e) {
            return true; // unreadable: leave it alone
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove the demo database in " + directory + ": " + e.getMessage());
        }
    }

    /** Settings read from system properties and the environment, the way SmallRye Config would name them. */
    static final class EmbeddedDatabaseSettings {
        private EmbeddedDatabaseSettings() {
        }

        static boolean databaseConfigured() {
            return setting("quarkus.datasource.jdbc.url") != null;
        }

        /** The configured data directory, or null when none is configured. */
        static Path dataDirectory() {
            String configured = setting("radar.embedded-db.data-dir");
            return configured != null ? Path.of(configured) : null;
        }

        static Path defaultDataDirectory() {
            return Path.of(System.getProperty("user.home"), ".defect-radar", "pgdata");
        }

        /** {@code RADAR_DEMO=true} or {@code radar.demo.enabled=true}: see com.defectradar.demo. */
        static boolean demo() {
            return Boolean.parseBoolean(setting("radar.demo.enabled")) || Boolean.parseBoolean(setting("radar.demo"));
        }

        static int port() {
            String configured = setting("radar.embedded-db.port");
            return configured != null ? Integer.parseInt(configured) : 0;
        }

        static String setting(String property) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
            }
            return value == null || value.isBlank() ? null : value;
        }
    }
}

package com.defectradar.support;

import com.defectradar.embedded.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL the test can stop and start again, on the same port and data directory, to play an
 * outage: the service keeps its JDBC URL and must find the database again by itself.
 */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("defect-radar-outage-pg");
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startDatabase();
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username());
    }

    @Override
    public void stop() {
        stopDatabase();
    }

    public static synchronized void stopDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public static synchronized void startDatabase() {
        if (database == null) {
            database = EmbeddedDatabase.start(dataDirectory, port);
        }
    }

    /** Plain JDBC to the database, independent of the service's pool. */
    public static synchronized String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }
}

package com.defectradar.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL started in-process for machines where nobody configured a database.
 * It knows nothing of the features: it only hands out a JDBC URL and stops with the JVM.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL over {@code dataDirectory}, keeping what is already there so data survives restarts.
     * Port 0 picks a free port.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    /**
     * @param durable whether commits must survive a crash of the machine: on for the service (a ticket
     *                answered 2xx is on disk), off only for throwaway test databases, where speed matters
     */
    private static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            stopLeftover(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off; later options win
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
            LOG.infof("Embedded PostgreSQL %s listening on port %d, data kept in %s",
                    "17", postgres.getPort(), dataDirectory.toAbsolutePath());
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * The PostgreSQL running on a data directory, found by its {@code postmaster.pid}; empty when none does.
     * An unreadable pid file throws (a RuntimeException): callers decide what not knowing means to them.
     */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /**
     * A service killed hard (SIGKILL, OOM killer) leaves its PostgreSQL running on the data directory, and a
     * new one could not start there. Its clients are gone, so a polite stop (SIGTERM, PostgreSQL's smart
     * shutdown) ends it at once; one that does not stop is killed, and the next start recovers from its WAL.
     */
    static void stopLeftover(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> leftover;
        try {
            leftover = postmaster(dataDirectory);
        } catch (RuntimeException unreadable) {
            return;
        }
        leftover.ifPresent(process -> {
            LOG.warnf("A PostgreSQL (pid %d) left by an earlier run still holds %s; stopping it", process.pid(), dataDirectory);
            process.destroy();
            try {
                process.onExit().get(LEFTOVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Waiting for the leftover PostgreSQL failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts a throwaway PostgreSQL in a fresh temporary directory (tests). */
    public static EmbeddedDatabase startThrowaway() {
        try {
            return start(Files.createTempDirectory("defect-radar-pg"), 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public String username() {
        return USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}

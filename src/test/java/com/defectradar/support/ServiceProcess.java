package com.defectradar.support;

import com.defectradar.embedded.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app, built by the package phase before failsafe runs) as a process of
 * its own, on a database the test owns: what integration tests kill, restart and run side by side.
 */
public final class ServiceProcess {

    private static final long READY_TIMEOUT_NANOS = 90_000_000_000L;

    private ServiceProcess() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Http http(int port) {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /**
     * Starts the service on {@code port} against {@code database} and waits until it is ready; its output goes
     * to target/{name}.log. {@code environment} adds or overrides settings.
     */
    public static Process start(EmbeddedDatabase database, int port, String name, Map<String, String> environment)
            throws InterruptedException {
        Path jar = Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new AssertionError("package first: " + jar);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toString());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.username());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        Path log = Path.of("target", name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Http http = http(port);
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.get("/q/health/ready", null).status() == 200) {
                    return process;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not become ready; see " + log.toAbsolutePath());
    }
}

package com.defectradar.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the test JVM, and the mailer pointed at it. Tests reach it through the
 * static methods, and can take it down and bring it back on the same port to play an SMTP outage.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startSmtp();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED",
                // a dead server must fail an attempt quickly, not after the default minute
                "quarkus.mailer.timeout", "10s");
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static GreenMail smtp() {
        return server;
    }

    public static synchronized void startSmtp() {
        if (server == null || !server.isRunning()) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    public static synchronized void stopSmtp() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.defectradar;

import com.defectradar.embedded.EmbeddedDatabase;
import com.defectradar.support.Http;
import com.defectradar.support.ServiceProcess;
import com.defectradar.support.StoredTickets;
import com.defectradar.support.TestKeys;
import com.defectradar.support.Tickets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;




import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service (target/quarkus-app) as a process of its own: killed with SIGKILL under concurrent
 * load, started again, every ticket answered 2xx is there exactly once; stopped with SIGTERM, requests in
 * flight are still answered and stored.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORTER = TestKeys.bearer(TestKeys.REPORTER);
    private static final String SOURCE = "crash-shop";
    private static final int CLIENTS = 6;

    private static EmbeddedDatabase database;
    private Process service;

    /** ticketId → true when answered 2xx, false when the answer never came (connection cut). */
    private final Map<String, Boolean> sent = new ConcurrentHashMap<>();

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.startThrowaway();
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void killService() {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
        }
    }

    @Test
    void aKilledServiceLosesNothingItAcknowledged() throws Exception {
        int port = ServiceProcess.freePort();
        service = start(port, "killed");
        Http http = ServiceProcess.http(port);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            load.add(clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    if (client % 2 == 0) {
                        postSingle(http, "K-" + client + "-" + n);
                    } else {
                        postBatch(http, "K-" + client + "-" + n, 5);
                    }
                }
            }));
        }
        awaitAcknowledged(100);
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no draining
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
        running.set(false);
        for (Future<?> each : load) {
            each.get();
        }
        clients.shutdown();

        long acknowledged = sent.values().stream().filter(ok -> ok).count();
        long cut = sent.size() - acknowledged;
        Map<String, Integer> stored = storedCounts();
        sent.forEach((ticketId, ok) -> {
            if (ok) {
                assertEquals(1, stored.getOrDefault(ticketId, 0), ticketId + " was acknowledged before the kill");
            }
        });
        System.out.printf("Crash: %d tickets acknowledged before SIGKILL, %d without answer, %d stored%n",
                acknowledged, cut, stored.size());

        service = start(port, "restarted");
        // every shop retries what got no answer, and may retry what did: both must end as one row each
        for (Map.Entry<String, Boolean> ticket : sent.entrySet()) {
            int status = post(http, ticket.getKey());
            assertTrue(ticket.getValue() ? status == 200 : status == 200 || status == 201,
                    ticket.getKey() + " resent after the restart: " + status);
        }
        Map<String, Integer> afterRetries = storedCounts();
        assertEquals(sent.keySet(), afterRetries.keySet());
        assertTrue(afterRetries.values().stream().allMatch(n -> n == 1), "one row per ticket");
    }

    @Test
    void aTerminatedServiceFinishesWhatItWasDoing() throws Exception {
        int port = ServiceProcess.freePort();
        service = start(port, "terminated");
        Http http = ServiceProcess.http(port);
        int batches = 3;
        int size = 10_000;
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> tickets = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                tickets.add(Tickets.valid(SOURCE, "G-" + b + "-" + i));
            }
            bodies.add(JSON.writeValueAsString(tickets)); // made before, so the uploads start together
        }
        ExecutorService clients = Executors.newFixedThreadPool(batches);
        List<Future<Long>> answers = new ArrayList<>();
        for (String body : bodies) {
            answers.add(clients.submit(() -> {
                Http.Answer answer = http.json("POST", "/api/v1/tickets/batch", REPORTER, body);
                assertEquals(200, answer.status(), answer.toString());
                assertEquals(size, JSON.readTree(answer.body()).get("created").asInt());
                return System.nanoTime();
            }));
        }
        Thread.sleep(500); // sent by now, and being stored: 30,000 tickets take seconds on this machine
        long terminated = System.nanoTime();
        service.destroy(); // SIGTERM: Quarkus drains requests in flight (quarkus.shutdown.timeout)
        List<Long> answeredAt = new ArrayList<>();
        for (Future<Long> answer : answers) {
            answeredAt.add(answer.get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "stopped within the shutdown timeout");
        assertTrue(answeredAt.stream().anyMatch(at -> at > terminated),
                "at least one upload was still in flight at SIGTERM, or this test proves nothing");
        Map<String, Integer> stored = storedCounts();
        assertEquals(batches * size, stored.keySet().stream().filter(id -> id.startsWith("G-")).count());
        System.out.printf("Graceful: %d uploads of %d tickets, answered %s ms after SIGTERM, exit code %d%n", batches, size,
                answeredAt.stream().map(at -> (at - terminated) / 1_000_000).toList(), service.exitValue());
    }

    // --- the service process --------------------------------------------------------------------------

    private Process start(int port, String name) throws InterruptedException {
        return ServiceProcess.start(database, port, "crash-it-" + name, Map.of("RADAR_AUTH_BOOTSTRAP_KEYS",
                "reporter:" + TestKeys.REPORTER + ",admin:" + TestKeys.ADMIN));
    }

    // --- load -------------------------------------------------------------------------------------------

    private void postSingle(Http http, String ticketId) {
        try {
            int status = post(http, ticketId);
            sent.put(ticketId, status == 200 || status == 201);
        } catch (UncheckedIOException cut) {
            sent.putIfAbsent(ticketId, false);
        }
    }

    private int post(Http http, String ticketId) {
        try {
            return http.json("POST", "/api/v1/tickets", REPORTER, JSON.writeValueAsString(Tickets.valid(SOURCE, ticketId))).status();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code size} tickets named prefix-0.. as one batch; all are acknowledged by a 200 that rejects none. */
    private int postBatch(Http http, String prefix, int size) {
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            tickets.add(Tickets.valid(SOURCE, prefix + "-" + i));
        }
        tickets.forEach(t -> sent.putIfAbsent((String) t.get("ticketId"), false));
        try {
            Http.Answer answer = http.json("POST", "/api/v1/tickets/batch", REPORTER, JSON.writeValueAsString(tickets));
            if (answer.status() == 200) {
                JsonNode result = JSON.readTree(answer.body());
                assertEquals(0, result.get("rejected").size(), answer.body());
                tickets.forEach(t -> sent.put((String) t.get("ticketId"), true));
            }
            return answer.status();
        } catch (UncheckedIOException cut) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sent.values().stream().filter(ok -> ok).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service acknowledged too little: " + sent.size() + " sent");
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Integer> storedCounts() throws Exception {
        return StoredTickets.countsByTicketId(database.jdbcUrl(), SOURCE);
    }
}

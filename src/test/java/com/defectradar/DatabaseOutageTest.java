package com.defectradar;

import com.defectradar.support.Http;
import com.defectradar.support.StoredTickets;
import com.defectradar.support.RestartablePostgresResource;
import com.defectradar.support.TestKeys;
import com.defectradar.support.Tickets;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;




import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stops under a small concurrent load and comes back: while it is down, writes answer 503 with
 * Retry-After and readiness is DOWN; afterwards the service serves again by itself, and every ticket that was
 * answered 2xx is stored exactly once.
 */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
class DatabaseOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final String SOURCE = "outage-shop";
    private static final String REPORTER = TestKeys.bearer(TestKeys.REPORTER);

    @TestHTTPResource("/")
    URI base;

    /** Every answer to every ticket: ticketId → statuses in order. */
    private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
    private final List<String> badAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong slowest503Ms = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void writesAnswer503WhileTheDatabaseIsDownAndNothingAcknowledgedIsLost() throws Exception {
        Http http = new Http(base);
        String issuedKey = TestKeys.bearer(JSON.readTree(http.json("POST", "/api/v1/keys", TestKeys.bearer(TestKeys.ADMIN),
                "{\"role\": \"engineer\"}").body()).get("key").asText());
        assertEquals(200, http.get("/q/health/ready", null).status());

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            load.add(clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    post(http, "O-" + client + "-" + n);
                    pause(20);
                }
            }));
        }
        try {
            pause(1_500);
            RestartablePostgresResource.stopDatabase();
            long down = System.nanoTime();
            awaitStatus(http, "/q/health/ready", null, s -> s == 503, "readiness DOWN while the database is down");
            Http.Answer withIssuedKey = http.get("/api/v1/tickets?limit=1", issuedKey);
            assertEquals(503, withIssuedKey.status(), "a key that cannot be checked is not a wrong key: " + withIssuedKey);
            assertTrue(withIssuedKey.headers().firstValue("Retry-After").isPresent());
            pause(Math.max(0, 3_000 - (System.nanoTime() - down) / 1_000_000));

            RestartablePostgresResource.startDatabase();
            long up = System.nanoTime();
            awaitStatus(http, "/q/health/ready", null, s -> s == 200, "readiness UP again");
            long recoveredMs = awaitFirstWrite(up);
            System.out.printf("Outage: answers by status %s; slowest 503 %d ms; all clients writing again %d ms after restart%n",
                    statusCounts(), slowest503Ms.get(), recoveredMs);
            pause(1_500);
        } finally {
            running.set(false);
            for (Future<?> each : load) {
                each.get();
            }
            clients.shutdownNow();
        }

        assertTrue(badAnswers.isEmpty(), "answers other than 2xx or 503 problem+json with Retry-After: " + badAnswers);
        Map<Integer, Integer> counts = statusCounts();
        assertTrue(counts.getOrDefault(503, 0) > 0, "the load must have met the outage: " + counts);
        assertTrue(counts.getOrDefault(201, 0) > 20, "the load must have written before and after: " + counts);

        Map<String, Integer> stored = storedCounts();
        answers.forEach((ticketId, statuses) -> {
            if (statuses.stream().anyMatch(s -> s == 200 || s == 201)) {
                assertEquals(1, stored.getOrDefault(ticketId, 0), ticketId + " was acknowledged: stored exactly once");
            }
        });
        // what was refused is retried, as a shop would: every ticket then exists exactly once
        for (Map.Entry<String, List<Integer>> ticket : answers.entrySet()) {
            if (ticket.getValue().stream().noneMatch(s -> s == 200 || s == 201)) {
                int status = http.json("POST", "/api/v1/tickets", REPORTER, JSON.writeValueAsString(
                        Tickets.valid(SOURCE, ticket.getKey()))).status();
                assertTrue(status == 200 || status == 201, ticket.getKey() + " retried: " + status);
            }
        }
        Map<String, Integer> afterRetries = storedCounts();
        assertEquals(answers.keySet(), afterRetries.keySet());
        assertTrue(afterRetries.values().stream().allMatch(n -> n == 1), afterRetries.toString());
    }

    private void post(Http http, String ticketId) {
        try {
            long start = System.nanoTime();
            Http.Answer answer = http.json("POST", "/api/v1/tickets", REPORTER, JSON.writeValueAsString(Tickets.valid(SOURCE, ticketId)));
            if (answer.status() == 503) {
                slowest503Ms.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            }
            answers.computeIfAbsent(ticketId, id -> new ArrayList<>()).add(answer.status());
            boolean ok = answer.status() == 201
                    || (answer.status() == 503 && answer.isProblem() && answer.headers().firstValue("Retry-After").isPresent());
            if (!ok) {
                badAnswers.add(ticketId + ": " + answer);
            }
        } catch (Exception e) {
            badAnswers.add(ticketId + ": " + e);
        }
    }

    private long awaitFirstWrite(long sinceNanos) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean written = answers.values().stream().anyMatch(statuses -> !statuses.isEmpty()
                    && statuses.getLast() == 201 && statuses.size() == 1) && lastAnswersAreWrites();
            if (written) {
                return (System.nanoTime() - sinceNanos) / 1_000_000;
            }
            pause(100);
        }
        throw new AssertionError("no ticket was written within 30 s of the database's return: " + statusCounts());
    }

    /** True once the most recent answer of every client is a 201 again. */
    private boolean lastAnswersAreWrites() {
        Map<Integer, Integer> latestNumberByClient = new HashMap<>();
        Map<Integer, Integer> latestStatusByClient = new HashMap<>();
        answers.forEach((id, statuses) -> {
            String[] parts = id.split("-");
            int client = Integer.parseInt(parts[1]);
            int number = Integer.parseInt(parts[2]);
            if (!statuses.isEmpty() && number >= latestNumberByClient.getOrDefault(client, -1)) {
                latestNumberByClient.put(client, number);
                latestStatusByClient.put(client, statuses.getLast());
            }
        });
        return latestStatusByClient.size() == CLIENTS && latestStatusByClient.values().stream().allMatch(s -> s == 201);
    }

    private Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        answers.values().forEach(statuses -> statuses.forEach(s -> counts.merge(s, 1, Integer::sum)));
        return counts;
    }

    private static Map<String, Integer> storedCounts() throws Exception {
        return StoredTickets.countsByTicketId(RestartablePostgresResource.jdbcUrl(), SOURCE);
    }

    private static void awaitStatus(Http http, String path, String authorization, Predicate<Integer> expected, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = http.get(path, authorization).status();
            if (expected.test(last)) {
                return;
            }
            pause(200);
        }
        throw new AssertionError(what + ": still " + last + " after 30 s");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

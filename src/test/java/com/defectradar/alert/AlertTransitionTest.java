package com.defectradar.alert;

import com.defectradar.support.AlertRows;
import com.defectradar.support.EmbeddedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AlertTransitionTest {

    private static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED", "DISMISSED");
    private static final List<String> VERBS = List.of("acknowledge", "resolve", "dismiss");
    /** The contract's table: which verb is allowed from which status, and where it leads. */
    private static final Map<String, Map<String, String>> ALLOWED = Map.of(
            "OPEN", Map.of("acknowledge", "ACKNOWLEDGED", "resolve", "RESOLVED", "dismiss", "DISMISSED"),
            "ACKNOWLEDGED", Map.of("resolve", "RESOLVED", "dismiss", "DISMISSED"),
            "RESOLVED", Map.of(),
            "DISMISSED", Map.of());

    @Inject
    AgroalDataSource dataSource;

    private final String component = "transitions-" + UUID.randomUUID().toString().substring(0, 8);

    private static Response post(long id, String verb, Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/alerts/" + id + "/" + verb);
    }

    @Test
    void everyTransitionFromEveryStatusIsAllowedOrRefusedAsTheContractSays() throws SQLException {
        for (String from : STATUSES) {
            for (String verb : VERBS) {
                long id = AlertRows.insertOne(dataSource, component, from, "HIGH");
                JsonPath before = given().get("/api/v1/alerts/" + id).then().statusCode(200).extract().jsonPath();
                String target = ALLOWED.get(from).get(verb);
                String why = verb + " from " + from;
                Response answer = post(id, verb, Map.of("actor", "anna@example.com", "note", why));
                if (target != null) {
                    answer.then().statusCode(200).contentType(ContentType.JSON).body("id", equalTo((int) id))
                            .body("status", equalTo(target))
                            .body("history", hasSize(1))
                            .body("history[0].status", equalTo(target))
                            .body("history[0].actor", equalTo("anna@example.com"))
                            .body("history[0].note", equalTo(why));
                    JsonPath after = answer.jsonPath();
                    Instant changedAt = Instant.parse(after.getString("updatedAt"));
                    assertTrue(changedAt.isAfter(Instant.parse(before.getString("updatedAt"))), why + " moves updatedAt");
                    assertEquals(after.getString("updatedAt"), after.getString("history[0].at"));
                    Object[] stored = row(id);
                    assertEquals("RESOLVED".equals(target) ? changedAt : null, stored[0], why + ": resolvedAt");
                    assertEquals("DISMISSED".equals(target) ? 5 : null, stored[1], why + ": dismissedTicketCount");
                } else {
                    List<String> allowedFrom = VERBS.stream().filter(ALLOWED.get(from)::containsKey).toList();
                    answer.then().statusCode(409).contentType("application/problem+json")
                            .body("type", equalTo("https://defect-radar.dev/problems/transition-not-allowed"))
                            .body("status", equalTo(409)).body("alertId", equalTo((int) id))
                            .body("currentStatus", equalTo(from))
                            .body("allowedTransitions", equalTo(allowedFrom))
                            .body("detail", containsString("is " + from));
                    // Refused means untouched: same status, same updatedAt, no history entry.
                    given().get("/api/v1/alerts/" + id).then().statusCode(200).body("status", equalTo(from))
                            .body("updatedAt", equalTo(before.getString("updatedAt"))).body("history", hasSize(0));
                }
            }
        }
    }

    @Test
    void resolvingADismissedAlertIsAConflictThatSaysWhatIsPossible() {
        long id = AlertRows.insertOne(dataSource, component, "OPEN", "MEDIUM");
        post(id, "dismiss", Map.of("actor", "ops")).then().statusCode(200).body("status", equalTo("DISMISSED"))
                .body("history[0].note", equalTo(null));
        post(id, "resolve", Map.of("actor", "ops", "note", "fixed after all")).then().statusCode(409)
                .body("detail", equalTo("Alert " + id + " is DISMISSED; resolve is not possible from there. No transition "
                        + "is allowed from DISMISSED: detection reopens it when its rules say so."))
                .body("allowedTransitions", hasSize(0));
    }

    @Test
    void aTransitionNeedsAnActorAndListsEveryBadField() {
        long id = AlertRows.insertOne(dataSource, component, "OPEN", "LOW");
        post(id, "acknowledge", Map.of("note", "who?")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("actor"))).body("errors[0].message", equalTo("is required"));
        post(id, "acknowledge", Map.of("actor", "   ")).then().statusCode(400).body("errors.field", equalTo(List.of("actor")));
        post(id, "acknowledge", Map.of("actor", "x".repeat(129), "note", "n".repeat(2001))).then().statusCode(400)
                .body("errors.field", equalTo(List.of("actor", "note")))
                .body("errors.message", equalTo(List.of("must be at most 128 characters", "must be at most 2000 characters")));
        post(id, "acknowledge", Map.of("actor", 42, "note", List.of())).then().statusCode(400)
                .body("errors.message", equalTo(List.of("must be a string", "must be a string")));
        post(id, "acknowledge", List.of("anna")).then().statusCode(400).body("errors[0].field", equalTo("$"));
        given().contentType(ContentType.JSON).body("{\"actor\": ").post("/api/v1/alerts/" + id + "/acknowledge")
                .then().statusCode(400).body("type", containsString("malformed-json"));
        given().contentType(ContentType.JSON).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(400);
        given().contentType(ContentType.TEXT).body("actor=anna").post("/api/v1/alerts/" + id + "/acknowledge")
                .then().statusCode(415).contentType("application/problem+json");
        // Nothing of that changed the alert; the limits themselves are accepted.
        post(id, "acknowledge", Map.of("actor", "x".repeat(128), "note", "n".repeat(2000))).then().statusCode(200)
                .body("history[0].actor", equalTo("x".repeat(128)));
        post(99_999_999L, "acknowledge", Map.of("actor", "anna")).then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * Both requests read the alert while it is OPEN, then both wait for the alert clock, which this test holds.
     * Released together, one writes and the other finds the version it read gone: 409, and nothing lost.
     */
    @Test
    void twoTransitionsThatReadTheSameStateEndInOneWinnerAndOneConflict() throws Exception {
        long id = AlertRows.insertOne(dataSource, component, "OPEN", "CRITICAL");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection clock = dataSource.getConnection()) {
            clock.setAutoCommit(false);
            try (Statement hold = clock.createStatement()) {
                hold.execute("select last from alert_clock where id = 1 for update");
            }
            Future<Response> acknowledge = pool.submit(() -> post(id, "acknowledge", Map.of("actor", "anna")));
            Future<Response> dismiss = pool.submit(() -> post(id, "dismiss", Map.of("actor", "bo", "note", "noise")));
            awaitClockWaiters(2);
            clock.commit();
            List<Response> answers = List.of(acknowledge.get(), dismiss.get());
            List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
            List<Response> lost = answers.stream().filter(r -> r.statusCode() == 409).toList();
            assertEquals(1, won.size(), "exactly one winner");
            assertEquals(1, lost.size(), "exactly one conflict");
            String winner = won.getFirst().jsonPath().getString("status");
            lost.getFirst().then().contentType("application/problem+json")
                    .body("type", equalTo("https://defect-radar.dev/problems/concurrent-change"))
                    .body("currentStatus", equalTo(winner))
                    .body("allowedTransitions", equalTo(winner.equals("ACKNOWLEDGED") ? List.of("resolve", "dismiss") : List.of()));
            given().get("/api/v1/alerts/" + id).then().body("status", equalTo(winner)).body("history", hasSize(1))
                    .body("history[0].status", equalTo(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same without holding anything: whatever the interleaving, one acknowledgement per alert. */
    @Test
    void racingAcknowledgementsNeverBothWinAndNeverFail() throws Exception {
        List<Long> ids = AlertRows.insert(dataSource, component, 12, "OPEN", "LOW");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<int[]>> races = new ArrayList<>();
            for (long id : ids) {
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> race(start, id, "anna"), pool);
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> race(start, id, "bo"), pool);
                start.countDown();
                races.add(first.thenCombine(second, (a, b) -> new int[]{a, b}));
            }
            for (int i = 0; i < ids.size(); i++) {
                int[] statuses = races.get(i).get();
                assertEquals(List.of(200, 409), List.of(Math.min(statuses[0], statuses[1]), Math.max(statuses[0], statuses[1])),
                        "alert " + ids.get(i));
                given().get("/api/v1/alerts/" + ids.get(i)).then().body("status", equalTo("ACKNOWLEDGED"))
                        .body("history", hasSize(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int race(CountDownLatch start, long id, String actor) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return post(id, "acknowledge", Map.of("actor", actor)).statusCode();
    }

    private void awaitClockWaiters(int expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("""
                         select count(*) from pg_stat_activity
                         where wait_event_type = 'Lock' and query like 'update alert_clock%'""")) {
                rows.next();
                if (rows.getInt(1) >= expected) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        fail("the two requests never both waited for the alert clock");
    }

    private Object[] row(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select resolved_at, dismissed_ticket_count from alert where id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                java.sql.Timestamp resolved = rows.getTimestamp(1);
                int dismissed = rows.getInt(2);
                Integer dismissedCount = rows.wasNull() ? null : dismissed;
                return new Object[]{resolved == null ? null : resolved.toInstant(), dismissedCount};
            }
        }
    }
}

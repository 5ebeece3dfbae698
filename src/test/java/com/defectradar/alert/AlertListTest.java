package com.defectradar.alert;

import com.defectradar.support.AlertRows;
import com.defectradar.support.EmbeddedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AlertListTest {

    private static final Map<String, String> BY = Map.of("actor", "list-test", "note", "changed while a client pages");

    @Inject
    AgroalDataSource dataSource;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int transition(long id, String verb) {
        return given().contentType(ContentType.JSON).body(BY).post("/api/v1/alerts/" + id + "/" + verb).statusCode();
    }

    @Test
    void pagingAcrossAThousandAlertsWhileOthersChangeLosesNoneAndRepeatsNone() throws Exception {
        String component = unique("paging");
        List<Long> all = new ArrayList<>(AlertRows.insert(dataSource, component, 900, "OPEN", "MEDIUM"));
        all.addAll(AlertRows.insert(dataSource, component, 100, "ACKNOWLEDGED", "HIGH"));
        // Every alert a request may have changed, recorded before the request is sent.
        Set<Long> touched = ConcurrentHashMap.newKeySet();
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger backgroundChanges = new AtomicInteger();
        // Someone else acknowledging alerts at random the whole time, concurrently with the pages.
        Thread background = Thread.ofPlatform().start(() -> {
            Random random = new Random(3);
            while (paging.get()) {
                long id = all.get(random.nextInt(all.size()));
                touched.add(id);
                if (transition(id, "acknowledge") == 200) {
                    backgroundChanges.incrementAndGet();
                }
                try {
                    // Busy, not frantic: most alerts stay untouched, so the exactly-once check has plenty to check.
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Random random = new Random(5);
        List<Long> seen = new ArrayList<>();
        Set<Instant> snapshots = new HashSet<>();
        Instant previousAt = null;
        long previousId = Long.MAX_VALUE;
        String cursor = null;
        int pages = 0;
        long pageNanos = 0;
        long started = System.nanoTime();
        try {
            do {
                RequestSpecification request = given().queryParam("component", component).queryParam("limit", 37);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                long asked = System.nanoTime();
                JsonPath page = request.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
                pageNanos += System.nanoTime() - asked;
                pages++;
                snapshots.add(Instant.parse(page.getString("snapshotAt")));
                List<Long> ids = page.getList("items.id", Long.class);
                List<String> updated = page.getList("items.updatedAt", String.class);
                for (int i = 0; i < ids.size(); i++) {
                    Instant at = Instant.parse(updated.get(i));
                    // Newest change first, strictly: (updatedAt, id) descending across the whole traversal.
                    assertTrue(previousAt == null || at.isBefore(previousAt) || (at.equals(previousAt) && ids.get(i) < previousId),
                            "out of order at alert " + ids.get(i));
                    previousAt = at;
                    previousId = ids.get(i);
                }
                seen.addAll(ids);
                // Deliberate changes between pages: an alert not shown yet jumps to the front (acknowledged) or
                // leaves the filter (resolved); one already shown is dismissed.
                List<Long> unseen = all.stream().filter(id -> !seen.contains(id) && !touched.contains(id)).toList();
                if (unseen.size() > 2) {
                    long ahead = unseen.get(random.nextInt(unseen.size()));
                    touched.add(ahead);
                    transition(ahead, "acknowledge");
                    long leaving = unseen.get(random.nextInt(unseen.size()));
                    touched.add(leaving);
                    transition(leaving, "resolve");
                }
                long shown = seen.get(random.nextInt(seen.size()));
                touched.add(shown);
                transition(shown, "dismiss");
                cursor = page.getString("nextCursor");
            } while (cursor != null);
        } finally {
            paging.set(false);
            background.join();
        }
        long traversalMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(seen.size(), new HashSet<>(seen).size(), "an alert was shown twice");
        assertTrue(all.containsAll(seen));
        for (long id : all) {
            if (!touched.contains(id)) {
                assertTrue(seen.contains(id), "alert " + id + " did not change and was skipped");
            }
        }
        assertEquals(1, snapshots.size(), "every page of one traversal carries the same snapshotAt");
        Instant snapshot = snapshots.iterator().next();

        // The follow-up poll returns what changed meanwhile: together they hold every alert that matches now.
        Set<Long> changedSince = new HashSet<>();
        String next = null;
        do {
            RequestSpecification request = given().queryParam("component", component)
                    .queryParam("updatedSince", snapshot.toString()).queryParam("limit", 500);
            if (next != null) {
                request.queryParam("cursor", next);
            }
            JsonPath page = request.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
            changedSince.addAll(page.getList("items.id", Long.class));
            next = page.getString("nextCursor");
        } while (next != null);
        assertTrue(touched.containsAll(changedSince), "only alerts that changed are returned by updatedSince");
        Set<Long> matchingNow = idsOf(component, "OPEN", "ACKNOWLEDGED");
        Set<Long> union = new HashSet<>(seen);
        union.addAll(changedSince);
        assertTrue(union.containsAll(matchingNow), "an alert matching the filter was lost");
        Set<Long> changedAndMatching = new HashSet<>(matchingNow);
        changedAndMatching.retainAll(changedAfter(component, snapshot));
        assertEquals(changedAndMatching, changedSince);
        System.out.printf("Paging 1,000 alerts: %d pages of 37, %.1f ms per page request, %d ms in all with %d "
                        + "background and %d deliberate changes; %d alerts shown, %d picked up by the follow-up poll%n",
                pages, pageNanos / 1e6 / pages, traversalMillis, backgroundChanges.get(), 3 * pages, seen.size(),
                changedSince.size());
    }

    @Test
    void anUnchangedPollAnswers304AndAChangeAnswers200() {
        String component = unique("etag");
        List<Long> ids = AlertRows.insert(dataSource, component, 5, "OPEN", "LOW");
        Response first = given().queryParam("component", component).get("/api/v1/alerts");
        first.then().statusCode(200).header("ETag", notNullValue()).header("Cache-Control", "no-cache")
                .body("items", hasSize(5));
        String etag = first.header("ETag");

        given().queryParam("component", component).header("If-None-Match", etag).get("/api/v1/alerts")
                .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        // A change outside the filter leaves this poll alone.
        long elsewhere = AlertRows.insertOne(dataSource, unique("etag-other"), "OPEN", "LOW");
        transition(elsewhere, "acknowledge");
        given().queryParam("component", component).header("If-None-Match", etag).get("/api/v1/alerts")
                .then().statusCode(304);

        assertEquals(200, transition(ids.get(3), "acknowledge"));
        Response changed = given().queryParam("component", component).header("If-None-Match", etag).get("/api/v1/alerts");
        changed.then().statusCode(200).body("items[0].id", equalTo(ids.get(3).intValue()))
                .body("items[0].status", equalTo("ACKNOWLEDGED"));
        String second = changed.header("ETag");
        assertNotEquals(etag, second);
        given().queryParam("component", component).header("If-None-Match", second).get("/api/v1/alerts")
                .then().statusCode(304);

        // For the record, not asserted: what a poll costs when nothing changed and when it must answer a page.
        long unchangedNanos = 0;
        long pageNanos = 0;
        for (int i = 0; i < 20; i++) {
            long asked = System.nanoTime();
            given().queryParam("component", component).header("If-None-Match", second).get("/api/v1/alerts").then().statusCode(304);
            unchangedNanos += System.nanoTime() - asked;
            asked = System.nanoTime();
            given().queryParam("component", component).get("/api/v1/alerts").then().statusCode(200);
            pageNanos += System.nanoTime() - asked;
        }
        System.out.printf("Polling 5 alerts: 304 in %.1f ms, 200 in %.1f ms (mean of 20, over HTTP)%n",
                unchangedNanos / 20e6, pageNanos / 20e6);

        // An alert leaving the filter changes the answer as well (the count moves even if the newest does not).
        assertEquals(200, transition(ids.get(4), "resolve"));
        given().queryParam("component", component).header("If-None-Match", second).get("/api/v1/alerts")
                .then().statusCode(200).body("items", hasSize(4));
        // The ETag is the request's: another filter or page size never matches it.
        given().queryParam("component", component).queryParam("status", "OPEN").header("If-None-Match", second)
                .get("/api/v1/alerts").then().statusCode(200);
        given().queryParam("component", component).queryParam("limit", 2).header("If-None-Match", second)
                .get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    void filtersByStatusComponentBatchAndUpdatedSince() {
        String component = unique("filter");
        List<Long> open = AlertRows.insert(dataSource, component, 14, "OPEN", "LOW");
        AlertRows.insert(dataSource, component, 3, "RESOLVED", "LOW");
        AlertRows.insert(dataSource, component, 2, "DISMISSED", "LOW");

        given().queryParam("component", component).get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(14));
        given().queryParam("component", "  " + component.toUpperCase() + " ").get("/api/v1/alerts")
                .then().body("items", hasSize(14));
        given().queryParam("component", component).queryParam("status", "resolved, DISMISSED").get("/api/v1/alerts")
                .then().body("items", hasSize(5));
        // AlertRows spreads alerts over BATCH-0 .. BATCH-6: alerts 0 and 7 of the open ones are in BATCH-0.
        given().queryParam("component", component).queryParam("productionBatch", "batch-0").get("/api/v1/alerts")
                .then().body("items", hasSize(2)).body("items.signature.productionBatch", equalTo(List.of("BATCH-0", "BATCH-0")));

        String since = given().queryParam("component", component).get("/api/v1/alerts").jsonPath().getString("items[0].updatedAt");
        given().queryParam("component", component).queryParam("updatedSince", since).get("/api/v1/alerts")
                .then().body("items", hasSize(0)).body("snapshotAt", equalTo(null));
        transition(open.get(9), "acknowledge");
        given().queryParam("component", component).queryParam("updatedSince", since).get("/api/v1/alerts")
                .then().body("items.id", equalTo(List.of(open.get(9).intValue())));
    }

    @Test
    void badParametersAnswerProblems() {
        given().queryParam("status", "OPEN,LATE").get("/api/v1/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 501).get("/api/v1/alerts").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/alerts").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("updatedSince", "yesterday").get("/api/v1/alerts").then().statusCode(400)
                .body("errors[0].field", equalTo("updatedSince"));
        given().get("/api/v1/alerts/99999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/alerts/abc").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/alerts/99999999/tickets").then().statusCode(404).contentType("application/problem+json");
    }

    private Set<Long> idsOf(String component, String... statuses) throws SQLException {
        return ids("select id from alert where component = ? and status = any(?)", component, statuses);
    }

    private Set<Long> changedAfter(String component, Instant snapshot) throws SQLException {
        return ids("select id from alert where component = ? and updated_at > ?", component, snapshot);
    }

    private Set<Long> ids(String sql, String component, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, component);
            if (parameter instanceof String[] values) {
                query.setArray(2, connection.createArrayOf("varchar", values));
            } else {
                query.setObject(2, java.sql.Timestamp.from((Instant) parameter));
            }
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }
}

package com.defectradar.ticket;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TicketResourceTest {

    private static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tickets");
    }

    private static long countFor(String source) {
        return given().queryParam("source", source).queryParam("limit", 1000).get("/api/v1/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items").size();
    }

    @Test
    void createsReadsAndRecognisesAReplay() {
        String source = Tickets.uniqueSource();
        Map<String, Object> ticket = Tickets.valid(source, "T-1");
        Response created = post(ticket);
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/tickets/"))
                .body("id", notNullValue()).body("receivedAt", notNullValue())
                .body("source", equalTo(source)).body("occurredAt", equalTo("2021-01-07T06:24:00Z"))
                .body("ambientTemperatureC", equalTo(-14.5f));
        long id = created.jsonPath().getLong("id");
        given().get(created.header("Location")).then().statusCode(200).body("ticketId", equalTo("T-1"));

        post(ticket).then().statusCode(200).body("id", equalTo((int) id));
        post(Tickets.with(ticket, "occurredAt", "2021-01-07T14:24:00+08:00")).then().statusCode(200);
        assertEquals(1, given().queryParam("productionBatch", "bat-2020-12-a").queryParam("source", source)
                .get("/api/v1/tickets").jsonPath().getList("items").size());
    }

    @Test
    void aChangedReplayIsAConflict() {
        String source = Tickets.uniqueSource();
        post(Tickets.valid(source, "T-1")).then().statusCode(201);
        post(Tickets.with(Tickets.valid(source, "T-1"), "symptomCode", "NO_START")).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("detail", containsString("T-1"));
    }

    @Test
    void invalidTicketListsEveryBadField() {
        Map<String, Object> ticket = Tickets.with(Tickets.with(Tickets.valid(Tickets.uniqueSource(), "T-1"),
                "ambientTemperatureC", 95), "mileageKm", -4);
        ticket.remove("unitId");
        post(ticket).then().statusCode(400).contentType("application/problem+json")
                .body("type", notNullValue()).body("title", equalTo("Invalid input"))
                .body("errors.field", equalTo(List.of("unitId", "ambientTemperatureC", "mileageKm")));
    }

    @Test
    void bodiesThatAreNotJsonOrTooLargeAreRefused() {
        given().contentType(ContentType.JSON).body("{\"source\": ").post("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        given().contentType(ContentType.JSON).body("{\"ambientTemperatureC\": NaN}").post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> huge = Tickets.with(Tickets.valid(Tickets.uniqueSource(), "T-1"), "padding", "x".repeat(70_000));
        post(huge).then().statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("hello").post("/api/v1/tickets").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void batchStoresTheValidAndReportsTheRest() {
        String source = Tickets.uniqueSource();
        post(Tickets.valid(source, "OLD")).then().statusCode(201);
        List<Object> items = List.of(
                Tickets.valid(source, "A"),
                Tickets.with(Tickets.valid(source, "B"), "ambientTemperatureC", "cold"),
                Tickets.valid(source, "OLD"),
                Tickets.with(Tickets.valid(source, "OLD"), "unitId", "OTHER"),
                Tickets.valid(source, "A"),
                "not a ticket",
                Tickets.valid(source, "C"));
        given().contentType(ContentType.JSON).body(items).post("/api/v1/tickets/batch").then().statusCode(200)
                .body("received", equalTo(7)).body("created", equalTo(2)).body("duplicates", equalTo(2))
                .body("rejected.index", equalTo(List.of(1, 3, 5)))
                .body("rejected[0].ticketId", equalTo("B"))
                .body("rejected[0].errors[0].field", equalTo("[1].ambientTemperatureC"))
                .body("rejected[1].errors[0].field", equalTo("[3].ticketId"));
        assertEquals(3, countFor(source));
    }

    @Test
    void batchAcceptsNdjson() {
        String source = Tickets.uniqueSource();
        String body = "{\"source\":\"" + source + "\",\"ticketId\":\"N1\",\"unitId\":\"U1\",\"component\":\"battery\","
                + "\"symptomCode\":\"RANGE_DROP\",\"occurredAt\":\"2021-01-07\"}\n\n"
                + "{\"source\":\"" + source + "\",\"ticketId\":\"N2\",\"unitId\":\"U2\",\"component\":\"battery\","
                + "\"symptomCode\":\"RANGE_DROP\",\"occurredAt\":\"2021-01-08\"}\n";
        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tickets/batch").then().statusCode(200)
                .body("created", equalTo(2)).body("rejected", empty());
        given().contentType("application/x-ndjson").body((body + "{\"source\": \n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/tickets/batch")
                .then().statusCode(400).body("errors[0].field", equalTo("line 4"));
        given().contentType(ContentType.JSON).body("[{\"source\": 1}").post("/api/v1/tickets/batch")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(2, countFor(source));
    }

    @Test
    void oversizedBatchesAreRefusedWhole() {
        String source = Tickets.uniqueSource();
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(Map.of("source", source));
        }
        given().contentType(ContentType.JSON).body(tooMany).post("/api/v1/tickets/batch").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("10000"));
        given().contentType(ContentType.JSON).body("[\"" + "x".repeat(17 * 1024 * 1024) + "\"]")
                .post("/api/v1/tickets/batch").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void concurrentReplaysStoreOneRowAndNeverFail() throws Exception {
        String source = Tickets.uniqueSource();
        Map<String, Object> ticket = Tickets.valid(source, "RACE");
        int clients = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            // each answer as "status created": a single ticket is created by a 201, a batch reports its count;
            // whichever kind of request wins the race, exactly one of them creates the row
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                boolean single = i % 2 == 0;
                calls.add(() -> {
                    start.await();
                    if (single) {
                        int status = post(ticket).statusCode();
                        return status + " " + (status == 201 ? 1 : 0);
                    }
                    Response batch = given().contentType(ContentType.JSON).body(List.of(ticket)).post("/api/v1/tickets/batch");
                    return batch.statusCode() + " " + (batch.statusCode() == 200 ? batch.jsonPath().getInt("created") : 0);
                });
            }
            List<Future<String>> results = new ArrayList<>();
            calls.forEach(c -> results.add(pool.submit(c)));
            start.countDown();
            List<String> answers = new ArrayList<>();
            for (Future<String> result : results) {
                answers.add(result.get());
            }
            assertTrue(answers.stream().allMatch(a -> a.startsWith("200 ") || a.startsWith("201 ")), answers.toString());
            assertEquals(1, answers.stream().mapToInt(a -> Integer.parseInt(a.substring(4))).sum(), answers.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, countFor(source));
    }

    @Test
    void ticketsSentAtOnceAreEachCreatedWithTheirOwnRow() throws Exception {
        String source = Tickets.uniqueSource();
        int clients = 16;
        int perClient = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        String ticketId = "T-" + client + "-" + i;
                        Response answer = post(Tickets.valid(source, ticketId));
                        answers.add(answer.statusCode() + " " + answer.jsonPath().getString("ticketId") + " "
                                + answer.jsonPath().getLong("id") + " " + ticketId);
                    }
                    return answers;
                }));
            }
            Set<String> ids = new HashSet<>();
            for (Future<List<String>> result : results) {
                for (String answer : result.get()) {
                    String[] parts = answer.split(" ");
                    assertEquals("201", parts[0], answer);
                    assertEquals(parts[3], parts[1], "each answer carries its own ticket: " + answer);
                    ids.add(parts[2]);
                }
            }
            assertEquals(clients * perClient, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clients * perClient, countFor(source));
    }

    @Test
    void pagingWhileInsertingHasNoDuplicatesOrGaps() {
        String source = Tickets.uniqueSource();
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(Tickets.valid(source, "P" + i));
        }
        given().contentType(ContentType.JSON).body(first).post("/api/v1/tickets/batch").then().body("created", equalTo(50));
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int inserted = 50;
        do {
            var page = given().queryParam("limit", 7).queryParam("component", "BATTERY ").queryParam("source", source)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/tickets").then().statusCode(200)
                    .extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                if (source.equals(item.get("source"))) {
                    assertTrue(seen.add((String) item.get("ticketId")), "seen twice: " + item.get("ticketId"));
                }
            }
            cursor = page.getString("nextCursor");
            if (cursor != null && inserted < 70) {
                post(Tickets.valid(source, "P" + inserted++)).then().statusCode(201);
            }
        } while (cursor != null);
        assertEquals(inserted, seen.size());
    }

    @Test
    void listingValidatesItsParameters() {
        given().queryParam("limit", 0).get("/api/v1/tickets").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "ten").get("/api/v1/tickets").then().statusCode(400);
        given().queryParam("cursor", "garbage!").get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("from", "yesterday").get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().get("/api/v1/tickets/999999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/tickets/abc").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listingFiltersByTimeAndSymptom() {
        String source = Tickets.uniqueSource();
        post(Tickets.with(Tickets.valid(source, "EARLY"), "occurredAt", "2020-03-01")).then().statusCode(201);
        post(Tickets.with(Tickets.valid(source, "LATE"), "symptomCode", "Cell_Imbalance")).then().statusCode(201);
        given().queryParam("from", "2021-01-01").queryParam("symptomCode", "cell_imbalance").queryParam("source", source)
                .get("/api/v1/tickets").then().statusCode(200)
                .body("items.ticketId", equalTo(List.of("LATE"))).body("items.symptomCode", hasItems("Cell_Imbalance"));
        given().queryParam("to", "2020-12-31").queryParam("source", source).get("/api/v1/tickets").then()
                .body("items", hasSize(1)).body("items[0].ticketId", endsWith("EARLY"));
    }
}

package com.defectradar.batch;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BatchResourceTest {

    @Test
    void registersReplacesAndCountsTickets() {
        String batch = "BAT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = Map.of("component", "battery", "unitsProduced", 8000, "producedFrom", "2020-12-01",
                "producedTo", "2020-12-31", "unitRecallCost", 15000, "currency", "CNY");
        given().contentType(ContentType.JSON).body(body).put("/api/v1/batches/" + batch).then().statusCode(201)
                .body("batchId", equalTo(batch)).body("unitsProduced", equalTo(8000)).body("ticketCount", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("unitsProduced", 4000)).put("/api/v1/batches/" + batch.toLowerCase())
                .then().statusCode(200).body("unitsProduced", equalTo(4000));

        String source = Tickets.uniqueSource();
        List<Object> tickets = List.of(
                Tickets.with(Tickets.valid(source, "1"), "productionBatch", batch.toLowerCase() + " "),
                Tickets.with(Tickets.valid(source, "2"), "productionBatch", batch));
        given().contentType(ContentType.JSON).body(tickets).post("/api/v1/tickets/batch").then().body("created", equalTo(2));
        given().get("/api/v1/batches/" + batch).then().statusCode(200)
                .body("ticketCount", equalTo(2)).body("ticketsPer1000Units", equalTo(0.5f));
    }

    @Test
    void invalidBatchListsEveryBadField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("unitsProduced", 0, "producedFrom", "2020-12-31", "producedTo", "2020-12-01", "currency", "yuan"))
                .put("/api/v1/batches/B1").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("unitsProduced", "producedTo", "currency")));
        given().contentType(ContentType.JSON).body(Map.of("unitsProduced", 12.5)).put("/api/v1/batches/B1")
                .then().statusCode(400).body("errors[0].message", equalTo("must be a whole number"));
        given().contentType(ContentType.JSON).body(Map.of("component", "x")).put("/api/v1/batches/B1")
                .then().statusCode(400).body("errors[0].field", equalTo("unitsProduced"));
        given().get("/api/v1/batches/NEVER-REGISTERED").then().statusCode(404).contentType("application/problem+json");
    }
}

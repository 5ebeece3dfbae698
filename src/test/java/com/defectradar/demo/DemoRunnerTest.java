package com.defectradar.demo;

import com.defectradar.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo through the running service, without the pauses: batches, history and the stream go through the
 * ingest, batch and detection services into PostgreSQL, and the battery alert is what the API then shows.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DemoRunnerTest {

    @Inject
    DemoRunner runner;

    @Inject
    DemoStatus status;

    @Test
    void theStreamRaisesTheBatteryAlertWithItsCasesAndNoOther() throws InterruptedException {
        DemoFleet.Plan plan = DemoFleet.generate(DemoSettings.DEFAULT_SEED, LocalDate.of(2026, 1, 1));
        Instant started = Instant.now();
        runner.run(plan, Duration.ZERO);
        Duration took = Duration.between(started, Instant.now());

        DemoStatus.Snapshot done = status.snapshot();
        assertEquals(DemoStatus.Phase.FINISHED, done.phase());
        assertEquals(plan.tickets().size(), done.ticketsSent());
        assertEquals(1, done.alertsOpened());
        assertTrue(!done.firstAlertOn().isBefore(plan.coldCaseDays().get(3)) && !done.firstAlertOn().isAfter(plan.coldCaseDays().getLast()),
                "raised with the fourth, fifth or sixth case, not on " + done.firstAlertOn());
        long secondsAtOneDayPerSecond = done.firstAlertOn().toEpochDay() - plan.streamFrom().toEpochDay() + 1;
        assertTrue(secondsAtOneDayPerSecond < 60, secondsAtOneDayPerSecond + " s");

        JsonPath changed = given().queryParam("status", "OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED")
                .queryParam("updatedSince", started.toString()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = changed.getList("items");
        assertEquals(1, items.size(), "only the planted case: " + items);
        long id = ((Number) items.getFirst().get("id")).longValue();
        given().get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("signature.component", equalTo("battery"))
                .body("signature.symptomCode", equalTo("RANGE_DROP"))
                .body("signature.productionBatch", equalTo(plan.coldBatch()))
                .body("signature.firmwareVersion", equalTo("BMS-10.2"))
                .body("signature.temperatureC.max", lessThan(-10f))
                .body("unitCount", equalTo(6))
                .body("severity", equalTo("CRITICAL"))
                .body("exposure.unitsProduced", equalTo(DemoFleet.COLD_BATCH_UNITS))
                .body("summary", containsString(plan.coldBatch()));
        System.out.printf("Demo stream without pauses: %,d tickets, %d detection runs in %d ms%n", plan.tickets().size(),
                done.days() + 1, took.toMillis());
    }
}

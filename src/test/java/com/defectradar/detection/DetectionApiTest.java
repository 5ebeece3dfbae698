package com.defectradar.detection;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.FleetSimulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulated fleet fed through the API a week at a time, as shops would, with a detection run after each
 * week: the planted patterns become alerts, the decoys do not, and later runs update rather than duplicate.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DetectionApiTest {

    @Inject
    DetectionSettings settings;

    /** The simulation tests run the detector without Quarkus, with these settings: they must be the service's. */
    @Test
    void theSimulationTestsRunTheServicesDefaults() {
        assertEquals(DetectorDefaults.SETTINGS, settings.detector());
    }

    @Test
    void replayingASimulatedFleetRaisesExactlyThePlantedAlerts() {
        FleetSimulator.Fleet fleet = new FleetSimulator(1, true).generate();
        fleet.batches().forEach(b -> given().contentType(ContentType.JSON).body(b.body())
                .put("/api/v1/batches/" + b.batchId()).then().statusCode(201));
        Set<String> fleetBatches = fleet.batches().stream().map(FleetSimulator.Batch::batchId).collect(Collectors.toSet());

        int sent = 0;
        int stored = 0;
        for (LocalDate week = FleetSimulator.START.plusDays(7); !week.isAfter(FleetSimulator.START.plusDays(FleetSimulator.DAYS + 7)); week = week.plusDays(7)) {
            String asOf = week.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            List<Map<String, Object>> chunk = new ArrayList<>();
            while (sent < fleet.tickets().size() && ((String) fleet.tickets().get(sent).get("occurredAt")).compareTo(asOf) < 0) {
                chunk.add(fleet.tickets().get(sent++));
            }
            if (!chunk.isEmpty()) {
                stored += given().contentType(ContentType.JSON).body(chunk).post("/api/v1/tickets/batch").then()
                        .statusCode(200).body("rejected.size()", equalTo(0)).extract().jsonPath().getInt("created");
            }
            given().queryParam("asOf", asOf).post("/api/v1/detection/runs").then().statusCode(200)
                    .body("asOf", equalTo(asOf)).body("finishedAt", notNullValue());
        }
        assertEquals(fleet.tickets().size() - 6, stored, "the three tickets sent three times are stored once");
        given().get("/api/v1/detection/runs/latest").then().statusCode(200).body("ticketsConsidered", greaterThan(0));

        JsonPath alerts = given().queryParam("status", "OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED").queryParam("limit", 500)
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> ours = alerts.<Map<String, Object>>getList("items").stream()
                .filter(a -> fleetBatches.contains(signature(a).get("productionBatch"))
                        || String.valueOf(signature(a).get("component")).matches("battery|drive_unit|lv_power")
                        && signature(a).get("productionBatch") == null)
                .toList();
        assertEquals(Set.of("RANGE_DROP@" + FleetSimulator.COLD_BATCH, "INVERTER_FAULT@" + FleetSimulator.INFANT_BATCH,
                        "DCDC_FAULT@" + FleetSimulator.FAULTY_FIRMWARE),
                ours.stream().map(a -> signature(a).get("symptomCode") + "@" + Objects.requireNonNullElse(
                        signature(a).get("productionBatch"), signature(a).get("firmwareVersion"))).collect(Collectors.toSet()),
                () -> "alerts: " + ours);

        Map<String, Object> cold = ours.stream()
                .filter(a -> FleetSimulator.COLD_BATCH.equals(signature(a).get("productionBatch"))).findFirst().orElseThrow();
        long id = ((Number) cold.get("id")).longValue();
        given().get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("summary", containsString(FleetSimulator.COLD_BATCH))
                .body("signature.temperatureC.max", org.hamcrest.Matchers.lessThan(0f))
                .body("statistics.observed", greaterThan(2))
                .body("statistics.method", containsString("Exact test of the rate per unit-day"))
                .body("exposure.unitsProduced", notNullValue())
                .body("history[0].status", equalTo("OPEN"));
        JsonPath members = given().queryParam("limit", 1000).get("/api/v1/alerts/" + id + "/tickets").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(members.getList("items.symptomCode").stream().allMatch("RANGE_DROP"::equals));
        assertTrue(members.getList("items.productionBatch").stream().allMatch(FleetSimulator.COLD_BATCH::equals));
        assertEquals(((Number) cold.get("ticketCount")).intValue(), members.getList("items").size());
        assertTrue(Instant.parse((String) cold.get("firstOccurredAt")).isBefore(Instant.parse((String) cold.get("lastOccurredAt"))));
    }

    @Test
    void runsValidateAsOf() {
        given().queryParam("asOf", "next tuesday").post("/api/v1/detection/runs").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }

    private static Map<?, ?> signature(Map<String, Object> alert) {
        return (Map<?, ?>) alert.get("signature");
    }
}

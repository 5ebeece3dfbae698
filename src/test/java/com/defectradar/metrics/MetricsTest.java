package com.defectradar.metrics;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meters move with what the API does: counted from before to after, so other tests' traffic does not matter. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class MetricsTest {

    @Test
    void ticketsIngestedAndRejectedAreCounted() {
        double created = value("radar_tickets_ingested_total", "outcome=\"created\"");
        double duplicates = value("radar_tickets_ingested_total", "outcome=\"duplicate\"");
        double rejected = value("radar_tickets_rejected_total", null);

        String source = Tickets.uniqueSource();
        List<Map<String, Object>> batch = List.of(Tickets.valid(source, "M-1"), Tickets.valid(source, "M-2"),
                Tickets.with(Tickets.valid(source, "M-3"), "occurredAt", "yesterday-ish"));
        given().contentType(ContentType.JSON).body(batch).post("/api/v1/tickets/batch").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Tickets.valid(source, "M-1")).post("/api/v1/tickets").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Tickets.valid(source, "M-4")).post("/api/v1/tickets").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Tickets.with(Tickets.valid(source, "M-4"), "unitId", "other"))
                .post("/api/v1/tickets").then().statusCode(409);

        assertEquals(created + 3, value("radar_tickets_ingested_total", "outcome=\"created\""));
        assertEquals(duplicates + 1, value("radar_tickets_ingested_total", "outcome=\"duplicate\""));
        assertEquals(rejected + 2, value("radar_tickets_rejected_total", null));
    }

    @Test
    void detectionRunsAreTimedWithTheirCandidateCounts() {
        double runs = value("radar_detection_run_duration_seconds_count", "trigger=\"request\"");
        given().queryParam("asOf", "2021-02-01T00:00:00Z").post("/api/v1/detection/runs").then().statusCode(200);
        assertEquals(runs + 1, value("radar_detection_run_duration_seconds_count", "trigger=\"request\""));
        assertTrue(value("radar_detection_candidates_count", "trigger=\"request\"") >= 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("radar_alerts_open{severity=\"CRITICAL\"}"))
                .body(containsString("radar_detection_alerts_total{change=\"opened\"}"));
    }

    /** A sample's value from the Prometheus text; 0 when the series does not exist yet. */
    private static double value(String name, String label) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)})?\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        double sum = 0;
        while (m.find()) {
            if (label == null || (m.group(1) != null && m.group(1).contains(label))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}

package com.defectradar.alert;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle rules as detection enforces them, driven end to end: tickets posted through the API, real
 * detection runs over them, transitions by engineers in between.
 *
 * <p>Each test builds a fleet of its own: six registered batches of 2,000 units of one component, 400 everyday
 * failures over 56 days, eight RANGE_DROP failures spread over the other batches, and fifteen RANGE_DROP failures
 * in batch 1 within the last four days: a pattern detection confirms with a wide margin (p below 1e-6 for each of
 * eight seeds tried, against the 1e-4 it needs), and nothing else it should raise.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AlertLifecycleTest {

    private static final String SYMPTOM = "RANGE_DROP";
    private static final int PLANTED = 15;

    private static Fleet fleetWithPattern(String name, long seed) {
        Fleet fleet = Fleet.of(name, seed).withBatches(6, 2000).background(400, 56, Fleet.EVERYDAY_SYMPTOMS);
        fleet.sporadic(SYMPTOM, 8, 56, fleet.batch(0));
        return fleet.failures(fleet.batch(0), SYMPTOM, PLANTED, fleet.now().minus(Duration.ofDays(4)),
                fleet.now().minus(Duration.ofHours(2)));
    }

    /** The one alert of the fleet's pattern; fails if there is none or more than one. */
    private static Map<String, Object> theAlert(Fleet fleet) {
        List<Map<String, Object>> alerts = fleet.alerts(fleet.batch(0), SYMPTOM);
        assertEquals(1, alerts.size(), "one alert per pattern: " + alerts);
        return alerts.getFirst();
    }

    private static JsonPath alert(long id) {
        return given().get("/api/v1/alerts/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath transition(long id, String verb, String actor, String note) {
        return given().contentType(ContentType.JSON).body(Map.of("actor", actor, "note", note))
                .post("/api/v1/alerts/" + id + "/" + verb).then().statusCode(200).extract().jsonPath();
    }

    private static long idOf(Map<String, Object> alert) {
        return ((Number) alert.get("id")).longValue();
    }

    @Test
    void onePatternOneAlertThatKeepsCollectingEvidenceWhileAcknowledged() {
        Fleet fleet = fleetWithPattern("acknowledged", 2);
        Fleet.detect(fleet.now());
        long id = idOf(theAlert(fleet));
        JsonPath opened = alert(id);
        assertEquals("OPEN", opened.getString("status"));
        assertEquals(PLANTED, opened.getInt("ticketCount"));
        assertEquals(PLANTED, opened.getInt("unitCount"));
        assertEquals(fleet.batch(0), opened.getString("signature.productionBatch"));
        assertEquals("detection", opened.getString("history[0].actor"));
        assertTrue(opened.getString("history[0].note").startsWith("Detected: "));
        // The background raises nothing, and the pattern nothing else (no firmware-wide twin of the batch alert).
        given().queryParam("component", fleet.component()).queryParam("status", "OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED")
                .get("/api/v1/alerts").then().body("items", hasSize(1));

        // A run that finds the same evidence again changes nothing at all.
        Fleet.detect(fleet.now());
        assertEquals(opened.getString("updatedAt"), alert(id).getString("updatedAt"));

        transition(id, "acknowledge", "anna@example.com", "Supplier informed.");
        fleet.failures(fleet.batch(0), SYMPTOM, 3, fleet.now().minus(Duration.ofHours(1)), fleet.now().minus(Duration.ofMinutes(10)));
        Fleet.detect(fleet.now());
        JsonPath grown = alert(idOf(theAlert(fleet)));
        assertEquals(id, grown.getLong("id"));
        assertEquals("ACKNOWLEDGED", grown.getString("status"));
        assertEquals(PLANTED + 3, grown.getInt("ticketCount"));
        assertEquals(List.of("OPEN", "ACKNOWLEDGED"), grown.getList("history.status"), "counting is not a transition");
        assertTrue(Instant.parse(grown.getString("updatedAt")).isAfter(Instant.parse(grown.getString("history[1].at"))));

        // The evidence, a page at a time: every member once, all of them the pattern's.
        Set<Long> members = new HashSet<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/alerts/" + id + "/tickets").then().statusCode(200).extract().jsonPath();
            assertTrue(page.getList("items").size() <= 4);
            assertEquals(Set.of(SYMPTOM), Set.copyOf(page.getList("items.symptomCode", String.class)));
            assertEquals(Set.of(fleet.batch(0)), Set.copyOf(page.getList("items.productionBatch", String.class)));
            for (Long ticket : page.getList("items.id", Long.class)) {
                assertTrue(members.add(ticket), "ticket " + ticket + " shown twice");
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(PLANTED + 3, members.size());
    }

    @Test
    void aResolvedAlertReopensOnlyForFailuresAfterItsResolution() {
        Fleet fleet = fleetWithPattern("resolved", 4);
        Fleet.detect(fleet.now());
        long id = idOf(theAlert(fleet));
        JsonPath resolved = transition(id, "resolve", "bo@example.com", "New cell supplier since week 45.");
        assertEquals("RESOLVED", resolved.getString("status"));
        Instant resolvedAt = Instant.parse(resolved.getString("history[1].at"));

        // Tickets that arrive late but tell of failures from before the fix are evidence, not a relapse.
        fleet.failures(fleet.batch(0), SYMPTOM, 2, fleet.now().minus(Duration.ofDays(2)), fleet.now().minus(Duration.ofDays(1)));
        Fleet.detect(Instant.now());
        JsonPath late = alert(id);
        assertEquals("RESOLVED", late.getString("status"));
        assertEquals(PLANTED + 2, late.getInt("ticketCount"));
        assertEquals(2, late.getList("history").size());

        // Failures after the resolution reopen it, and the history says why.
        fleet.failures(fleet.batch(0), SYMPTOM, 3, resolvedAt.plus(Duration.ofMinutes(1)), resolvedAt.plus(Duration.ofMinutes(30)));
        Fleet.detect(resolvedAt.plus(Duration.ofHours(1)));
        assertEquals(id, idOf(theAlert(fleet)), "reopened, not raised again");
        given().get("/api/v1/alerts/" + id).then()
                .body("status", equalTo("OPEN"))
                .body("ticketCount", equalTo(PLANTED + 5))
                .body("history", hasSize(3))
                .body("history[2].status", equalTo("OPEN"))
                .body("history[2].actor", equalTo("detection"))
                .body("history[2].note", startsWith("Reopened: 3 new matching ticket(s)"))
                .body("history[2].note", containsString("after the alert was resolved on " + resolvedAt));
    }

    @Test
    void aDismissedAlertStaysQuietUntilItsTicketCountDoubles() {
        Fleet fleet = fleetWithPattern("dismissed", 7);
        Fleet.detect(fleet.now());
        long id = idOf(theAlert(fleet));
        transition(id, "dismiss", "chen@example.com", "Known cosmetic issue, no safety impact.");

        fleet.failures(fleet.batch(0), SYMPTOM, PLANTED - 2, fleet.now().minus(Duration.ofDays(1)), fleet.now().minus(Duration.ofMinutes(30)));
        Fleet.detect(Instant.now());
        JsonPath grown = alert(id);
        assertEquals("DISMISSED", grown.getString("status"), "not yet doubled");
        assertEquals(2 * PLANTED - 2, grown.getInt("ticketCount"));
        assertEquals(List.of("OPEN", "DISMISSED"), grown.getList("history.status"));

        fleet.failures(fleet.batch(0), SYMPTOM, 2, fleet.now().minus(Duration.ofHours(2)), fleet.now().minus(Duration.ofMinutes(20)));
        Fleet.detect(Instant.now());
        assertEquals(id, idOf(theAlert(fleet)));
        given().get("/api/v1/alerts/" + id).then()
                .body("status", equalTo("OPEN"))
                .body("ticketCount", equalTo(2 * PLANTED))
                .body("history.status", equalTo(List.of("OPEN", "DISMISSED", "OPEN")))
                .body("history[2].actor", equalTo("detection"))
                .body("history[2].note", equalTo("Reopened: ticket count grew from " + PLANTED + " at dismissal to "
                        + 2 * PLANTED + "."));
    }
}

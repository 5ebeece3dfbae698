package com.defectradar.alert;

import com.defectradar.support.AlertRows;
import com.defectradar.support.EmbeddedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AlertMetricsTest {

    @Inject
    AgroalDataSource dataSource;

    private static double metric(String scrape, String name, String label, String value) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{[^}]*" + label + "=\"" + value + "\"[^}]*} (\\S+)$").matcher(scrape);
        if (!line.find()) {
            throw new AssertionError(name + "{" + label + "=" + value + "} is not in /q/metrics");
        }
        return Double.parseDouble(line.group(1));
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static void transition(long id, String verb) {
        given().contentType(ContentType.JSON).body(Map.of("actor", "metrics-test")).post("/api/v1/alerts/" + id + "/" + verb)
                .then().statusCode(200);
    }

    @Test
    void openAlertsBySeverityAndTransitionsByTypeAreScraped() {
        String before = scrape();
        for (Severity severity : Severity.values()) {
            metric(before, "radar_alerts_open", "severity", severity.name());
        }
        double openLow = metric(before, "radar_alerts_open", "severity", "LOW");
        double openCritical = metric(before, "radar_alerts_open", "severity", "CRITICAL");
        double acknowledged = metric(before, "radar_alert_transitions_total", "type", "acknowledge");
        double resolved = metric(before, "radar_alert_transitions_total", "type", "resolve");
        double dismissed = metric(before, "radar_alert_transitions_total", "type", "dismiss");
        metric(before, "radar_alert_transitions_total", "type", "open");
        metric(before, "radar_alert_transitions_total", "type", "reopen");

        String component = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> low = AlertRows.insert(dataSource, component, 4, "OPEN", "LOW");
        AlertRows.insert(dataSource, component, 2, "ACKNOWLEDGED", "CRITICAL");
        String inserted = scrape();
        assertEquals(openLow + 4, metric(inserted, "radar_alerts_open", "severity", "LOW"));
        assertEquals(openCritical, metric(inserted, "radar_alerts_open", "severity", "CRITICAL"),
                "acknowledged alerts are not open");

        transition(low.get(0), "acknowledge");
        transition(low.get(1), "acknowledge");
        transition(low.get(1), "resolve");
        transition(low.get(2), "dismiss");
        String after = scrape();
        assertEquals(openLow + 1, metric(after, "radar_alerts_open", "severity", "LOW"));
        assertEquals(acknowledged + 2, metric(after, "radar_alert_transitions_total", "type", "acknowledge"));
        assertEquals(resolved + 1, metric(after, "radar_alert_transitions_total", "type", "resolve"));
        assertEquals(dismissed + 1, metric(after, "radar_alert_transitions_total", "type", "dismiss"));
    }
}

package com.defectradar.digest;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.GreenMailResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.defectradar.digest.DigestTestProfile.BATTERY_TEAM;
import static com.defectradar.digest.DigestTestProfile.MANAGER;
import static com.defectradar.digest.DigestTestProfile.QUALITY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly digest end to end: alerts in a real PostgreSQL, the service over real HTTP, the e-mails through a
 * real SMTP server (GreenMail), read back as a mail client would.
 */
@QuarkusTest
@TestProfile(DigestTestProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(GreenMailResource.class)
class DigestMailTest {

    /** The seeded week: Monday 11 to Sunday 17 January 2021, UTC. */
    static final String WEEK = "2021-01-13";

    @Inject
    AgroalDataSource dataSource;

    AlertSeed seed;

    @BeforeEach
    void clean() throws Exception {
        seed = new AlertSeed(dataSource);
        seed.clear();
        GreenMailResource.startSmtp();
        GreenMailResource.smtp().purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void smtpBackUp() {
        GreenMailResource.startSmtp();
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The alerts a week of detection and triage leaves; ids by what the digest should make of them. */
    record Seeded(long newBattery, long escalatingBattery, long unacknowledgedInverter, long resolvedBrakes,
                  long reopenedMotor) {
    }

    static Seeded seedWeek(AlertSeed seed) {
        long newBattery = seed.alert("battery", "RANGE_DROP", "BAT-2021-01-A", "CRITICAL", at("2021-01-12T09:00:00Z"),
                12.5, new BigDecimal("12000000"), "Range drop in BAT-2021-01-A");
        seed.tickets(newBattery, 5, at("2021-01-12T08:00:00Z"));

        // " Battery" spelt as a shop sent it: routed like "battery"
        long escalating = seed.alert(" Battery", "CELL_OVERHEAT", "BAT-2020-11-C", "HIGH", at("2020-12-28T10:00:00Z"),
                6.2, new BigDecimal("3000000"), "Cell overheating in BAT-2020-11-C");
        seed.history(escalating, at("2020-12-29T09:00:00Z"), "ACKNOWLEDGED", "li.wei");
        seed.tickets(escalating, 8, at("2021-01-02T10:00:00Z"));
        seed.tickets(escalating, 4, at("2021-01-13T10:00:00Z"));

        // grew 6 -> 8 (a third: not escalating), open since December: unacknowledged
        long inverter = seed.alert("inverter", "NO_START", "INV-7", "MEDIUM", at("2020-12-30T10:00:00Z"), 3.1, null,
                "Inverter no-start in INV-7");
        seed.tickets(inverter, 6, at("2021-01-01T10:00:00Z"));
        seed.tickets(inverter, 2, at("2021-01-14T10:00:00Z"));

        long brakes = seed.alert("brakes", "SQUEAL", "BRK-3", "LOW", at("2020-12-20T10:00:00Z"), 2.5,
                new BigDecimal("100000"), "Brake squeal in BRK-3");
        seed.tickets(brakes, 3, at("2020-12-20T10:00:00Z"));
        seed.history(brakes, at("2021-01-14T15:00:00Z"), "RESOLVED", "anna.berg");

        long motor = seed.alert("motor", "NOISE", "MOT-1", "HIGH", at("2020-11-01T10:00:00Z"), 4.0, null,
                "Motor noise in MOT-1");
        seed.tickets(motor, 4, at("2020-11-01T10:00:00Z"));
        seed.history(motor, at("2020-11-20T10:00:00Z"), "RESOLVED", "anna.berg");
        seed.history(motor, at("2021-01-15T06:00:00Z"), "OPEN", "detection");

        // none of these belongs in the week's digest
        long quiet = seed.alert("brakes", "PAD_WEAR", "BRK-4", "MEDIUM", at("2021-01-04T10:00:00Z"), 3.0, null,
                "Pad wear in BRK-4 (acknowledged, steady)");
        seed.history(quiet, at("2021-01-05T10:00:00Z"), "ACKNOWLEDGED", "anna.berg");
        seed.tickets(quiet, 3, at("2021-01-04T10:00:00Z"));
        long dismissed = seed.alert("inverter", "FAN_NOISE", "INV-9", "LOW", at("2021-01-13T10:00:00Z"), 2.2, null,
                "Fan noise in INV-9 (dismissed)");
        seed.history(dismissed, at("2021-01-14T10:00:00Z"), "DISMISSED", "li.wei");
        seed.alert("brakes", "JUDDER", "BRK-5", "HIGH", at("2021-01-19T10:00:00Z"), 9.0, null,
                "Brake judder in BRK-5 (next week)");
        long resolvedBefore = seed.alert("inverter", "OVERVOLT", "INV-2", "LOW", at("2020-12-01T10:00:00Z"), 2.0, null,
                "Overvoltage in INV-2 (resolved the week before)");
        seed.history(resolvedBefore, at("2021-01-05T10:00:00Z"), "RESOLVED", "li.wei");
        return new Seeded(newBattery, escalating, inverter, brakes, motor);
    }

    static Response send(String weekOf) {
        return given().queryParam("weekOf", weekOf).post("/api/v1/digests/send");
    }

    @Test
    void eachListGetsItsSectionsAndOnlyTheAlertsRoutedToIt() {
        Seeded s = seedWeek(seed);

        send(WEEK).then().statusCode(200).body("alreadySent", equalTo(false))
                .body("weekStart", equalTo("2021-01-11")).body("weekEnd", equalTo("2021-01-17"))
                .body("deliveries.list", contains("default", "component:battery"))
                .body("deliveries.state", everyItem(equalTo("SENT")))
                .body("deliveries.sentNow", everyItem(equalTo(true)))
                .body("deliveries.alertCount", contains(3, 2));

        // one e-mail to the default list (two addresses), one to the battery route
        assertEquals(3, Mails.total());
        MimeMessage managers = Mails.only(MANAGER);
        assertEquals(List.of(MANAGER, QUALITY), Mails.recipients(managers));
        assertEquals(Mails.header(managers, "Message-ID"), Mails.header(Mails.only(QUALITY), "Message-ID"));
        assertEquals("Defect Radar weekly digest, week of 2021-01-11: 1 new, 0 escalating, 1 unacknowledged, 1 resolved",
                Mails.subject(managers));
        String text = Mails.part(managers, "text/plain");
        assertEquals(Map.of(
                        "New", List.of("Motor noise in MOT-1"),
                        "Escalating", List.of(),
                        "Unacknowledged for more than 7 days", List.of("Inverter no-start in INV-7"),
                        "Resolved", List.of("Brake squeal in BRK-3")),
                Mails.sections(text));
        assertTrue(text.contains("Reopened Fri 15 Jan 2021 (first detected 1 Nov 2020)"), text);
        assertTrue(text.contains("Open, unacknowledged for 18 days"), text);
        assertTrue(text.contains("https://radar.example.com/alerts/" + s.unacknowledgedInverter()), text);
        assertFalse(text.contains("BAT-"), "no battery alert for the default list");

        MimeMessage battery = Mails.only(BATTERY_TEAM);
        assertEquals("Defect Radar weekly digest [battery], week of 2021-01-11: 1 new, 1 escalating, 0 unacknowledged, "
                + "0 resolved", Mails.subject(battery));
        String batteryText = Mails.part(battery, "text/plain");
        assertEquals(Map.of(
                        "New", List.of("Range drop in BAT-2021-01-A"),
                        "Escalating", List.of("Cell overheating in BAT-2020-11-C"),
                        "Unacknowledged for more than 7 days", List.of(),
                        "Resolved", List.of()),
                Mails.sections(batteryText));
        assertTrue(batteryText.contains("Tickets 8 \u2192 12 during the week (+50 %)"), batteryText);
        assertTrue(batteryText.contains("12 tickets, 12 units, rate 6.2\u00d7 expected, recall cost CNY 3,000,000"),
                batteryText);
        assertTrue(batteryText.contains("CNY 15,000,000 estimated recall cost in 2 open alerts"), batteryText);
        assertFalse(batteryText.contains("INV-") || batteryText.contains("BRK-") || batteryText.contains("MOT-"));

        String html = Mails.part(battery, "text/html");
        assertTrue(html.contains("<a href=\"https://radar.example.com/alerts/" + s.newBattery() + "\""), html);
        assertTrue(html.contains("<table role=\"presentation\""), html);
        assertFalse(html.toLowerCase().contains("<script") || html.contains("<style") || html.contains("<link"), html);
    }

    @Test
    void aSecondSendForTheSameWeekSendsNothing() {
        seedWeek(seed);
        send(WEEK).then().statusCode(200).body("alreadySent", equalTo(false));
        assertEquals(3, Mails.total());

        // any day of the same week names the same digest
        send("2021-01-17").then().statusCode(200).body("alreadySent", equalTo(true))
                .body("deliveries.state", everyItem(equalTo("SENT")))
                .body("deliveries.sentNow", everyItem(equalTo(false)))
                .body("deliveries.attempts", everyItem(equalTo(1)));
        // the send is synchronous: an e-mail it had sent would be in GreenMail already
        assertEquals(3, Mails.total());
        given().queryParam("weekOf", WEEK).get("/api/v1/digests").then().statusCode(200)
                .body("deliveries.trigger", everyItem(equalTo("request")));
    }

    @Test
    void thePreviewIsTheHtmlThatIsSent() {
        seedWeek(seed);
        String defaultPreview = given().queryParam("weekOf", WEEK).get("/api/v1/digests/preview")
                .then().statusCode(200).contentType("text/html").header("X-Digest-Alerts", "3")
                .header("X-Digest-Would-Send", "true").extract().asString();
        String batteryPreview = given().queryParam("weekOf", "2021-01-11").queryParam("list", "battery")
                .get("/api/v1/digests/preview").then().statusCode(200).extract().asString();

        send(WEEK).then().statusCode(200);

        assertEquals(defaultPreview, Mails.part(Mails.only(MANAGER), "text/html"));
        assertEquals(batteryPreview, Mails.part(Mails.only(BATTERY_TEAM), "text/html"));
        assertTrue(batteryPreview.contains("Cell overheating in BAT-2020-11-C"));
    }

    @Test
    void aListWithNothingRoutedToItGetsNoEmail() {
        long alert = seed.alert("battery", "RANGE_DROP", "BAT-2021-03-A", "HIGH", at("2021-03-02T09:00:00Z"), 7.0,
                null, "Range drop in BAT-2021-03-A");
        seed.tickets(alert, 4, at("2021-03-02T08:00:00Z"));

        given().queryParam("weekOf", "2021-03-03").get("/api/v1/digests/preview").then().statusCode(200)
                .header("X-Digest-Alerts", "0").header("X-Digest-Would-Send", "false");
        send("2021-03-03").then().statusCode(200).body("alreadySent", equalTo(false))
                .body("deliveries.state", contains("EMPTY", "SENT"));
        assertEquals(List.of(), Mails.to(MANAGER));
        assertEquals(1, Mails.to(BATTERY_TEAM).size());
        send("2021-03-03").then().statusCode(200).body("alreadySent", equalTo(true));
        assertEquals(1, Mails.total());
    }

    @Test
    void badRequestsAreAnsweredWithProblems() {
        given().queryParam("weekOf", "2021-13-01").get("/api/v1/digests/preview").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("weekOf"));
        given().queryParam("weekOf", "last week").post("/api/v1/digests/send").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("weekOf"));
        given().queryParam("list", "nobody").get("/api/v1/digests/preview").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("list"));
        // the running week is not over: sending it now would leave its last days out of every digest
        send(Instant.now().toString().substring(0, 10)).then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("Week not over"));
        assertEquals(0, Mails.total());
    }
}

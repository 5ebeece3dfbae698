package com.defectradar.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A fleet in service for detection tests, built through the API: registered batches of one component, a
 * background of everyday failures, and failures planted where a test wants a pattern. Detection needs such a
 * background to confirm anything (at least three units, an excess over the other batches' share and over their
 * rate per unit-day in service), and a realistic one keeps tests honest about what the statistics see.
 *
 * <p>Each fleet has its own component (detection looks at one component at a time) and its own batch names, so
 * tests sharing a database do not disturb each other's statistics. Times are relative to {@link #now()}, so
 * resolutions (which happen at wall-clock time) can be followed by failures that occur after them. Every
 * ticket is a distinct unit, and the randomness is seeded: the same seed builds the same fleet.
 */
public final class Fleet {

    /** Everyday battery failures, spread evenly over batches. */
    public static final List<String> EVERYDAY_SYMPTOMS = List.of("CELL_IMBALANCE", "CHARGE_FAULT", "BMS_RESET", "COOLANT_LEAK");
    private static final List<String> FIRMWARE = List.of("BMS-10.1", "BMS-10.2", "BMS-11.0");
    private static final List<String> MODELS = List.of("EV-S", "EV-L");
    private static final List<String> REGIONS = List.of("CN-BJ", "CN-SH", "CN-GD");

    private final String component;
    private final String source;
    private final Instant now;
    private final Random random;
    private final List<String> batches = new ArrayList<>();
    private int serial;

    private Fleet(String name, long seed) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        this.component = name + "-" + unique;
        this.source = "fleet-" + unique;
        this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.random = new Random(seed);
    }

    /** A new fleet of its own component, named after {@code name}. */
    public static Fleet of(String name, long seed) {
        return new Fleet(name, seed);
    }

    public String component() {
        return component;
    }

    /** The fleet's "now": when it was created, the reference for all relative times. */
    public Instant now() {
        return now;
    }

    public String batch(int index) {
        return batches.get(index);
    }

    /** Registers {@code count} batches of {@code units} units each, built from 240 to 180 days ago: all in service. */
    public Fleet withBatches(int count, int units) {
        for (int i = 0; i < count; i++) {
            String batch = component.toUpperCase() + "-B" + (batches.size() + 1);
            given().contentType(ContentType.JSON)
                    .body(Map.of("component", component, "unitsProduced", units,
                            "producedFrom", day(240).toString(), "producedTo", day(180).toString(),
                            "unitRecallCost", 12000, "currency", "CNY"))
                    .put("/api/v1/batches/" + batch).then().statusCode(201);
            batches.add(batch);
        }
        return this;
    }

    /** {@code tickets} everyday failures over the last {@code days} days, evenly over batches and symptoms. */
    public Fleet background(int tickets, int days, List<String> symptoms) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            body.add(ticket(pick(batches), pick(symptoms), within(now.minus(Duration.ofDays(days)), now)));
        }
        post(body);
        return this;
    }

    /** {@code tickets} failures of {@code symptom} over the last {@code days} days in every batch but {@code except}. */
    public Fleet sporadic(String symptom, int tickets, int days, String except) {
        List<String> others = batches.stream().filter(b -> !b.equals(except)).toList();
        List<Map<String, Object>> body = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            body.add(ticket(pick(others), symptom, within(now.minus(Duration.ofDays(days)), now)));
        }
        post(body);
        return this;
    }

    /** {@code tickets} failures of {@code symptom} in {@code batch}, occurring between {@code from} and {@code to}. */
    public Fleet failures(String batch, String symptom, int tickets, Instant from, Instant to) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            body.add(ticket(batch, symptom, within(from, to)));
        }
        post(body);
        return this;
    }

    /** Runs detection as of {@code asOf} and answers the run's summary. */
    public static JsonPath detect(Instant asOf) {
        return given().queryParam("asOf", asOf.toString()).post("/api/v1/detection/runs")
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * The alerts, in any status, for {@code symptom} in {@code batch}: the list a test expects to hold exactly
     * one alert once the pattern is confirmed (one alert per pattern).
     */
    public List<Map<String, Object>> alerts(String batch, String symptom) {
        List<Map<String, Object>> items = given().queryParam("component", component).queryParam("productionBatch", batch)
                .queryParam("status", "OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED").queryParam("limit", 500)
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(a -> symptom.equals(((Map<?, ?>) a.get("signature")).get("symptomCode"))).toList();
    }

    private Map<String, Object> ticket(String batch, String symptom, Instant occurredAt) {
        serial++;
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("source", source);
        ticket.put("ticketId", "T-" + serial);
        ticket.put("unitId", component + "-U" + serial);
        ticket.put("component", component);
        ticket.put("symptomCode", symptom);
        ticket.put("occurredAt", occurredAt.toString());
        ticket.put("productionBatch", batch);
        ticket.put("productionDate", day(180 + random.nextInt(60)).toString());
        ticket.put("firmwareVersion", pick(FIRMWARE));
        ticket.put("model", pick(MODELS));
        ticket.put("region", pick(REGIONS));
        ticket.put("mileageKm", 2000 + random.nextInt(30000));
        return ticket;
    }

    private static void post(List<Map<String, Object>> tickets) {
        given().contentType(ContentType.JSON).body(tickets).post("/api/v1/tickets/batch")
                .then().statusCode(200).body("created", equalTo(tickets.size()));
    }

    private Instant within(Instant from, Instant to) {
        long span = Duration.between(from, to).toSeconds();
        return from.plusSeconds(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private LocalDate day(int daysAgo) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(daysAgo);
    }
}

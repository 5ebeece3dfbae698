package com.defectradar.web;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Http;
import com.defectradar.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over two thousand malformed and hostile requests (see {@link Attacks}, same seed, same requests every run)
 * against the running service: none may answer 5xx, every error must be a problem document, the service must
 * be healthy afterwards, and whatever got stored must obey the validation rules.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    private static final long SEED = 20210107L;
    private static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks of an answer that leaks internals. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "org.postgresql", "org.hibernate", "java.lang.",
            "SQLState", "ERROR:  ");

    /** Stored tickets breaking any rule of API.md; must stay empty. */
    private static final String BROKEN_TICKETS = """
            select id || ': ' || ticket::text from ticket where not (
                length(btrim(source)) > 0 and length(btrim(ticket_id)) > 0 and length(btrim(unit_id)) > 0
                and length(btrim(component)) > 0 and length(btrim(symptom_code)) > 0
                and char_length(source) <= 64 and char_length(ticket_id) <= 128 and char_length(unit_id) <= 64
                and char_length(component) <= 64 and char_length(symptom_code) <= 64
                and component_key is not null and symptom_key is not null
                and occurred_at <= now() + interval '1 day' and occurred_at >= timestamptz '1900-01-01T00:00:00Z'
                and (production_date is null or production_date between date '1900-01-01' and current_date + 1)
                and (ambient_temperature_c is null or ambient_temperature_c between -80 and 80)
                and (mileage_km is null or mileage_km between 0 and 10000000)
                and (labor_hours is null or labor_hours between 0 and 10000)
                and (parts_cost is null or parts_cost between 0 and 1000000000000)
                and (currency is null or currency ~ '^[A-Za-z]{3}$')
                and (description is null or char_length(description) <= 4000)
                and (production_batch is null or (char_length(production_batch) <= 64 and batch_key is not null))
                and (firmware_version is null or (char_length(firmware_version) <= 64 and firmware_key is not null))
                and content_hash ~ '^[0-9a-f]{64}$'
                and position(chr(65533) in source || ticket_id || unit_id || component || symptom_code) = 0
            )""";

    private static final String BROKEN_BATCHES = """
            select batch_key from production_batch where not (
                units_produced between 1 and 100000000
                and (produced_from is null or produced_to is null or produced_to >= produced_from)
                and (unit_recall_cost is null or unit_recall_cost between 0 and 100000000)
                and (currency is null or currency ~ '^[A-Za-z]{3}$')
                and char_length(batch_id) between 1 and 64 and batch_key = lower(btrim(batch_key))
            )""";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hostileRequestsNeverBreakTheServiceOrTheData() throws Exception {
        Attacks attacks = new Attacks(SEED).build();
        assertTrue(attacks.attacks().size() >= 2_000, attacks.attacks().size() + " attacks");
        Http http = new Http(base);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Attacks.Attack attack : attacks.attacks()) {
                sent.add(clients.submit(() -> {
                    boolean parsable = isUri(attack.path());
                    Http.Answer answer = parsable ? http.send(attack.method(), attack.path(), attack.authorization(),
                            attack.contentType(), attack.body().get()) : RawHttp.get(base, attack.path(), attack.authorization());
                    statuses.merge(answer.status(), 1, Integer::sum);
                    // a request target with broken percent-escapes is refused by the HTTP codec before any
                    // application code runs, with a bare 400 (see README, "Limits"); nothing else may be bare
                    String problem = !parsable && answer.status() == 400 && answer.contentType() == null
                            && answer.body().isEmpty() ? null : judge(answer);
                    if (problem != null) {
                        failures.add(attack.label() + " " + attack.method() + " " + abbreviate(attack.path()) + ": "
                                + problem + " — " + answer);
                    }
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("Hostile input: " + attacks.attacks().size() + " requests, answers by status " + statuses);

        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(200, http.get("/q/health/ready", null).status(), "healthy after the attack");
        assertEquals(List.of(), ids(BROKEN_TICKETS), "stored tickets that break the rules");
        assertEquals(List.of(), ids(BROKEN_BATCHES), "stored batches that break the rules");
        assertStoredVerbatim(attacks.verbatim());
        assertTrue(count("select count(*) from ticket where source like 'fuzz-%'") >= 200,
                "enough valid tickets among the attacks were stored for the checks to mean something");
        assertTrue(statuses.getOrDefault(413, 0) >= 4 && statuses.getOrDefault(400, 0) >= 500
                && statuses.getOrDefault(201, 0) >= 200, "the attack mix reached every kind of answer: " + statuses);
    }

    private boolean isUri(String path) {
        try {
            URI.create(base.toString() + path.substring(1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What is wrong with an answer to a hostile request, or null. */
    private static String judge(Http.Answer answer) {
        if (answer.status() >= 500) {
            return "server error";
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                return "leaks internals (" + leak.strip() + ")";
            }
        }
        if (answer.status() >= 400) {
            if (!answer.isProblem()) {
                return "error without problem+json";
            }
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem.path("status").asInt() != answer.status() || !problem.hasNonNull("type")
                        || !problem.hasNonNull("title") || !problem.hasNonNull("detail")) {
                    return "incomplete problem document";
                }
            } catch (Exception e) {
                return "problem document is not JSON";
            }
        } else if (answer.status() >= 200 && answer.status() < 300
                && (answer.contentType() == null || !answer.contentType().startsWith("application/json"))) {
            return "success without JSON";
        }
        return null;
    }

    private void assertStoredVerbatim(List<Attacks.Verbatim> expected) throws SQLException {
        Map<String, String> columns = Map.of("unitId", "unit_id", "component", "component", "symptomCode", "symptom_code",
                "productionBatch", "production_batch", "firmwareVersion", "firmware_version", "model", "model",
                "serviceCenter", "service_center", "region", "region", "description", "description");
        try (Connection connection = dataSource.getConnection()) {
            for (Attacks.Verbatim ticket : expected) {
                String sql = "select " + columns.get(ticket.field()) + " from ticket where source = ? and ticket_id = ?";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setString(1, Attacks.VERBATIM_SOURCE);
                    select.setString(2, ticket.ticketId());
                    try (ResultSet row = select.executeQuery()) {
                        assertTrue(row.next(), "ticket " + ticket.ticketId() + " with hostile " + ticket.field() + " was not stored");
                        assertEquals(ticket.value(), row.getString(1), ticket.field() + " of " + ticket.ticketId());
                    }
                }
            }
        }
    }

    private List<String> ids(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}

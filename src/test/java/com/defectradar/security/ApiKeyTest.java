package com.defectradar.security;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Http;
import com.defectradar.support.TestKeys;
import com.defectradar.support.Tickets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys issued through the admin API: source binding, listing without secrets, revocation, storage, logs. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ApiKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TestKeys.bearer(TestKeys.ADMIN);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    private Http http() {
        return new Http(base);
    }

    private JsonNode issue(String body) throws Exception {
        Http.Answer answer = http().json("POST", "/api/v1/keys", ADMIN, body);
        assertEquals(201, answer.status(), answer.toString());
        JsonNode key = JSON.readTree(answer.body());
        assertEquals("/api/v1/keys/" + key.get("id").asText(), URI.create(answer.headers().firstValue("Location").orElseThrow()).getPath());
        return key;
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    @Test
    void aBoundReporterWritesAndReadsOnlyItsSource() throws Exception {
        String mine = Tickets.uniqueSource();
        String theirs = Tickets.uniqueSource();
        JsonNode issued = issue("{\"role\": \"reporter\", \"name\": \"uploader\", \"source\": \"" + mine + "\"}");
        assertEquals("reporter", issued.get("role").asText());
        assertEquals(mine, issued.get("source").asText());
        String reporter = TestKeys.bearer(issued.get("key").asText());
        Http http = http();

        Http.Answer own = http.json("POST", "/api/v1/tickets", reporter, json(Tickets.valid(mine, "OWN-1")));
        assertEquals(201, own.status(), own.toString());
        long ownId = JSON.readTree(own.body()).get("id").asLong();
        Http.Answer foreign = http.json("POST", "/api/v1/tickets", reporter, json(Tickets.valid(theirs, "X-1")));
        assertEquals(403, foreign.status(), foreign.toString());
        assertTrue(foreign.isProblem() && foreign.body().contains(mine), foreign.toString());

        // one foreign ticket refuses the whole batch, nothing of it stored
        Http.Answer mixed = http.json("POST", "/api/v1/tickets/batch", reporter,
                json(List.of(Tickets.valid(mine, "OWN-2"), Tickets.valid(theirs, "X-2"))));
        assertEquals(403, mixed.status(), mixed.toString());
        Http.Answer ndjson = http.send("POST", "/api/v1/tickets/batch", reporter, "application/x-ndjson",
                (json(Tickets.valid(mine, "OWN-3")) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ndjson.status(), ndjson.toString());
        assertEquals(1, JSON.readTree(ndjson.body()).get("created").asInt());

        long theirId = JSON.readTree(http.json("POST", "/api/v1/tickets", ADMIN, json(Tickets.valid(theirs, "X-3"))).body())
                .get("id").asLong();
        assertEquals(List.of("OWN-1", "OWN-3"), ticketIds(http.get("/api/v1/tickets?limit=1000", reporter)));
        assertEquals(List.of("OWN-1", "OWN-3"), ticketIds(http.get("/api/v1/tickets?limit=1000&source=" + mine, reporter)));
        assertEquals(403, http.get("/api/v1/tickets?source=" + theirs, reporter).status());
        assertEquals(200, http.get("/api/v1/tickets/" + ownId, reporter).status());
        Http.Answer hidden = http.get("/api/v1/tickets/" + theirId, reporter);
        assertEquals(404, hidden.status(), hidden.toString());
        assertTrue(hidden.isProblem());
        assertEquals(List.of("X-3"), ticketIds(http.get("/api/v1/tickets?source=" + theirs, ADMIN)));
        // reporters do nothing else
        assertEquals(403, http.get("/api/v1/batches/ANY", reporter).status());
        assertEquals(403, http.get("/api/v1/keys", reporter).status());
    }

    @Test
    void anUnboundReporterWritesAnySourceAndEngineersCannotWrite() throws Exception {
        String reporter = TestKeys.bearer(issue("{\"role\": \"reporter\"}").get("key").asText());
        String engineer = TestKeys.bearer(issue("{\"role\": \"Engineer\", \"name\": \"quality team\"}").get("key").asText());
        String source = Tickets.uniqueSource();
        assertEquals(201, http().json("POST", "/api/v1/tickets", reporter, json(Tickets.valid(source, "U-1"))).status());
        assertEquals(403, http().json("POST", "/api/v1/tickets", engineer, json(Tickets.valid(source, "U-2"))).status());
        assertEquals(List.of("U-1"), ticketIds(http().get("/api/v1/tickets?source=" + source, engineer)));
    }

    @Test
    void listingShowsNoSecretsAndRevocationIsImmediate() throws Exception {
        JsonNode issued = issue("{\"role\": \"engineer\", \"name\": \"to revoke\"}");
        String id = issued.get("id").asText();
        String key = issued.get("key").asText();
        String engineer = TestKeys.bearer(key);
        assertEquals(200, http().get("/api/v1/tickets?limit=1", engineer).status());

        Http.Answer list = http().get("/api/v1/keys", ADMIN);
        assertEquals(200, list.status());
        assertFalse(list.body().contains(secretOf(key)), "a listing must not show secrets");
        JsonNode listed = findById(JSON.readTree(list.body()).get("items"), id);
        assertEquals("to revoke", listed.get("name").asText());
        assertNull(listed.get("key"));
        assertNull(listed.get("revokedAt"));
        assertFalse(http().get("/api/v1/keys/" + id, ADMIN).body().contains(secretOf(key)));

        assertEquals(204, http().send("DELETE", "/api/v1/keys/" + id, ADMIN, null, null).status());
        Http.Answer after = http().get("/api/v1/tickets?limit=1", engineer);
        assertEquals(401, after.status(), "revoked keys stop working with the next request");
        assertTrue(after.isProblem());
        assertEquals(204, http().send("DELETE", "/api/v1/keys/" + id, ADMIN, null, null).status(), "revoking twice is fine");
        assertTrue(findById(JSON.readTree(http().get("/api/v1/keys", ADMIN).body()).get("items"), id).hasNonNull("revokedAt"));
        assertEquals(404, http().send("DELETE", "/api/v1/keys/aaaaaaaaaaaaaaaa", ADMIN, null, null).status());
        assertEquals(404, http().send("DELETE", "/api/v1/keys/not-an-id", ADMIN, null, null).status());
        // a right id with a wrong secret is an unknown key
        assertEquals(401, http().get("/api/v1/tickets", TestKeys.bearer(ApiKeySecrets.PREFIX + id + "_wrong")).status());
    }

    @Test
    void onlyASaltedHashIsStored() throws Exception {
        JsonNode issued = issue("{\"role\": \"admin\"}");
        String secret = secretOf(issued.get("key").asText());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select k::text as everything, salt, secret_hash from api_key k where id = ?")) {
            select.setString(1, issued.get("id").asText());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertFalse(row.getString("everything").contains(secret), "the secret must not be stored");
                assertEquals(16, row.getBytes("salt").length);
                byte[] expected = ApiKeySecrets.hash(row.getBytes("salt"), secret);
                assertTrue(java.util.Arrays.equals(expected, row.getBytes("secret_hash")));
            }
        }
    }

    @Test
    void invalidKeyRequestsListEveryProblem() {
        Http.Answer answer = http().json("POST", "/api/v1/keys", ADMIN, "{\"role\": \"superuser\", \"name\": 5}");
        assertEquals(400, answer.status());
        assertTrue(answer.isProblem());
        assertTrue(answer.body().contains("\"field\":\"role\"") && answer.body().contains("\"field\":\"name\""), answer.body());
        Http.Answer engineerWithSource = http().json("POST", "/api/v1/keys", ADMIN, "{\"role\": \"engineer\", \"source\": \"shop\"}");
        assertEquals(400, engineerWithSource.status());
        assertTrue(engineerWithSource.body().contains("\"field\":\"source\""));
        assertEquals(400, http().json("POST", "/api/v1/keys", ADMIN, "{}").status());
        assertEquals(400, http().json("POST", "/api/v1/keys", ADMIN, "[").status());
    }

    @Test
    void keysNeverReachTheLog() throws Exception {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                        : String.valueOf(record.getMessage());
                logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String key;
        try {
            JsonNode issued = issue("{\"role\": \"reporter\", \"source\": \"log-shop\"}");
            key = issued.get("key").asText();
            http().json("POST", "/api/v1/tickets", TestKeys.bearer(key), json(Tickets.valid("other-shop", "L-1")));
            http().get("/api/v1/tickets", TestKeys.bearer(key + "x"));
            http().get("/api/v1/keys", TestKeys.bearer(key));
            http().send("DELETE", "/api/v1/keys/" + issued.get("id").asText(), ADMIN, null, null);
            http().get("/api/v1/tickets", TestKeys.bearer(key));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("issued")), "the capture must see our log: " + logged);
        for (String line : logged) {
            assertFalse(line.contains(secretOf(key)), "a key secret was logged: " + line);
            assertFalse(line.contains(TestKeys.ADMIN), "the admin key was logged: " + line);
        }
    }

    private static String secretOf(String key) {
        return ApiKeySecrets.parse(key).orElseThrow().secret();
    }

    private static JsonNode findById(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("key " + id + " not listed");
    }

    private static List<String> ticketIds(Http.Answer answer) throws Exception {
        assertEquals(200, answer.status(), answer.toString());
        List<String> ids = new ArrayList<>();
        JSON.readTree(answer.body()).get("items").forEach(item -> ids.add(item.get("ticketId").asText()));
        return ids;
    }
}

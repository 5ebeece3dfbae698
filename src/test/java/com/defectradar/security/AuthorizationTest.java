package com.defectradar.security;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Http;
import com.defectradar.support.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.defectradar.security.Roles.ADMIN;
import static com.defectradar.security.Roles.ENGINEER;
import static com.defectradar.security.Roles.REPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation under /api/v1 in the OpenAPI document, called as every kind of caller. The rule table is
 * the access contract of API.md "Access"; an operation missing from it fails this test, so a new endpoint
 * cannot ship without someone deciding who may call it.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AuthorizationTest {

    /** "METHOD path", with every path parameter written {}: the roles that may call it. */
    private static final Map<String, Set<String>> RULES = new LinkedHashMap<>();

    static {
        rule("POST /api/v1/tickets", REPORTER, ADMIN);
        rule("POST /api/v1/tickets/batch", REPORTER, ADMIN);
        rule("GET /api/v1/tickets", REPORTER, ENGINEER, ADMIN);
        rule("GET /api/v1/tickets/{}", REPORTER, ENGINEER, ADMIN);
        rule("GET /api/v1/batches/{}", ENGINEER, ADMIN);
        rule("PUT /api/v1/batches/{}", ADMIN);
        rule("POST /api/v1/keys", ADMIN);
        rule("GET /api/v1/keys", ADMIN);
        rule("GET /api/v1/keys/{}", ADMIN);
        rule("DELETE /api/v1/keys/{}", ADMIN);
        // Engineers read everything, transition alerts and run detection; sending digests is admin's.
        rule("POST /api/v1/detection/runs", ENGINEER, ADMIN);
        rule("GET /api/v1/detection/runs/latest", ENGINEER, ADMIN);
        rule("GET /api/v1/alerts", ENGINEER, ADMIN);
        rule("GET /api/v1/alerts/{}", ENGINEER, ADMIN);
        rule("GET /api/v1/alerts/{}/tickets", ENGINEER, ADMIN);
        rule("POST /api/v1/alerts/{}/acknowledge", ENGINEER, ADMIN);
        rule("POST /api/v1/alerts/{}/resolve", ENGINEER, ADMIN);
        rule("POST /api/v1/alerts/{}/dismiss", ENGINEER, ADMIN);
        rule("GET /api/v1/digests/preview", ENGINEER, ADMIN);
        rule("POST /api/v1/digests/send", ADMIN);
        rule("GET /api/v1/digests", ENGINEER, ADMIN);
        rule("GET /api/v1/alerts/stream", ENGINEER, ADMIN);
    }

    /** Placeholder values by parameter name: ids that exist nowhere, so no call changes anything. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("batchId", "AUTHZ-NO-SUCH-BATCH");
    private static final String DEFAULT_PLACEHOLDER = "999999999";

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put(REPORTER, TestKeys.bearer(TestKeys.REPORTER));
        CALLERS.put(ENGINEER, TestKeys.bearer(TestKeys.ENGINEER));
        CALLERS.put(ADMIN, TestKeys.bearer(TestKeys.ADMIN));
    }

    private static final Map<String, String> UNAUTHENTICATED = new LinkedHashMap<>();

    static {
        UNAUTHENTICATED.put("no key", null);
        UNAUTHENTICATED.put("an unknown key", "Bearer not-a-key-we-issued");
        UNAUTHENTICATED.put("an unknown key of the issued shape", "Bearer dr_aaaaaaaaaaaaaaaa_unknownsecret");
        UNAUTHENTICATED.put("the admin key under another scheme",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestKeys.ADMIN).getBytes(StandardCharsets.UTF_8)));
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationAnswersEveryCallerAsTheRulesSay() throws Exception {
        Http http = new Http(base);
        Http.Answer document = http.get("/q/openapi?format=json", null);
        assertEquals(200, document.status(), "the OpenAPI document is open");
        List<String> unruled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        JsonNode paths = new ObjectMapper().readTree(document.body()).path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (!path.startsWith("/api/v1")) {
                continue;
            }
            for (Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                Set<String> allowed = RULES.get(method + " " + path.replaceAll("\\{[^}]*}", "{}"));
                if (allowed == null) {
                    unruled.add(method + " " + path);
                    continue;
                }
                checked++;
                wrong.addAll(check(http, method, fill(path), allowed));
                Set<String> documented = new TreeSet<>();
                paths.get(path).get(method.toLowerCase()).path("security").path(0).path("apiKey")
                        .forEach(role -> documented.add(role.asText()));
                if (!documented.equals(new TreeSet<>(allowed))) {
                    // Swagger UI and client authors read the roles from the document: it must tell the truth
                    wrong.add(method + " " + path + " documents roles " + documented + ", allows " + new TreeSet<>(allowed));
                }
            }
        }
        assertTrue(unruled.isEmpty(), "Operations without an access rule; add them to AuthorizationTest.RULES: " + unruled);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // every rule met its operation: a renamed or removed endpoint does not leave a rule that checks nothing
        assertEquals(RULES.size(), checked, "rules without an operation in the OpenAPI document");
    }

    @Test
    void healthAndDocsAreOpen() {
        Http http = new Http(base);
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/health", "/q/openapi", "/q/swagger-ui/")) {
            assertEquals(200, http.get(path, null).status(), path);
            // a wrong key on an open path is not even looked at
            assertEquals(200, http.get(path, "Bearer wrong").status(), path);
        }
    }

    @Test
    void theTableUsesExactlyTheRolesThatExist() {
        Set<String> used = new TreeSet<>();
        RULES.values().forEach(used::addAll);
        assertEquals(new TreeSet<>(Roles.ALL), used);
        assertEquals(Roles.ALL, CALLERS.keySet());
    }

    /** What went wrong calling one operation as every caller; empty when all answered as the rule says. */
    private static List<String> check(Http http, String method, String url, Set<String> allowed) {
        List<String> wrong = new ArrayList<>();
        UNAUTHENTICATED.forEach((who, authorization) -> {
            Http.Answer answer = call(http, method, url, authorization);
            if (answer.status() != 401 || !answer.isProblem()
                    || !answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                wrong.add(method + " " + url + " with " + who + " (expected 401 problem, Bearer challenge): " + answer);
            }
        });
        CALLERS.forEach((role, authorization) -> {
            Http.Answer answer = call(http, method, url, authorization);
            boolean mayCall = allowed.contains(role);
            boolean asExpected = mayCall
                    ? answer.status() != 401 && answer.status() != 403 && answer.status() < 500
                    : answer.status() == 403 && answer.isProblem();
            if (!asExpected) {
                wrong.add(method + " " + url + " as " + role + " (expected " + (mayCall ? "access" : "403 problem")
                        + "): " + answer);
            }
        });
        return wrong;
    }

    private static Http.Answer call(Http http, String method, String url, String authorization) {
        if (url.endsWith("/stream")) {
            return http.open(url, authorization);
        }
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return hasBody ? http.json(method, url, authorization, "{}") : http.send(method, url, authorization, null, null);
    }

    private static String fill(String path) {
        StringBuilder filled = new StringBuilder();
        Matcher parameter = Pattern.compile("\\{([^}]*)}").matcher(path);
        while (parameter.find()) {
            parameter.appendReplacement(filled, PLACEHOLDERS.getOrDefault(parameter.group(1), DEFAULT_PLACEHOLDER));
        }
        return parameter.appendTail(filled).toString();
    }

    private static void rule(String operation, String... roles) {
        RULES.put(operation, Set.of(roles));
    }
}

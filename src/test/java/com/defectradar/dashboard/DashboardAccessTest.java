package com.defectradar.dashboard;

import com.defectradar.support.BootstrapKeys;
import com.defectradar.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who sees what, over plain HTTP (no client that adds keys by itself): the pages and their script are open and
 * hold no data; the parts with the data answer only a key that may read alerts, like the API.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DashboardAccessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    @Test
    void pagesAndAssetsAreOpenAndHoldNoData() throws Exception {
        HttpResponse<String> page = get("dashboard", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-part=\"/dashboard/parts/alerts\""), page.body());
        assertTrue(!page.body().contains("alert-row"), "the shell carries no alerts");
        assertEquals(200, get("dashboard/alerts/1", null).statusCode());
        assertEquals(404, get("dashboard/alerts/not-a-number", null).statusCode());
        HttpResponse<String> script = get("static/dashboard.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("'Bearer '"), "the script sends the key as a Bearer token");
        assertEquals(200, get("static/dashboard.css", null).statusCode());
    }

    @Test
    void partsAreNeverCachedAndUnknownAlertsAreProblems() throws Exception {
        String key = BootstrapKeys.of("engineer");
        HttpResponse<String> part = get("dashboard/parts/alerts", key);
        assertEquals(200, part.statusCode());
        assertEquals("no-store", part.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> missing = get("dashboard/parts/alerts/999999999", key);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /** Real once access control is in the build (the security branch); before, there are no keys to check. */
    @Test
    void partsAnswerOnlyKeysThatMayReadAlerts() throws Exception {
        String engineer = BootstrapKeys.of("engineer");
        Assumptions.assumeTrue(engineer != null, "no radar.auth.bootstrap-keys in this build: access control comes"
                + " with the security branch");
        assertEquals(401, get("dashboard/parts/alerts", null).statusCode());
        assertEquals(401, get("dashboard/parts/alerts", "not-a-key").statusCode());
        String reporter = BootstrapKeys.of("reporter");
        if (reporter != null) {
            assertEquals(403, get("dashboard/parts/alerts", reporter).statusCode());
        }
        assertEquals(200, get("dashboard/parts/alerts", engineer).statusCode());
        assertEquals(200, get("dashboard/parts/alerts", BootstrapKeys.of("admin")).statusCode());
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package com.defectradar.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain HTTP/1.1 client for tests that must control every byte and header: no default key (unlike REST
 * Assured here, see {@link AdminKeyByDefault}), raw bodies, any Content-Type or none.
 */
public final class Http {

    private static final int LARGE_BODY = 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    /** An answer; {@code body} decoded as UTF-8. */
    public record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /**
     * Sends one request. {@code authorization} is the whole header value, or null for none; {@code contentType}
     * null sends none; {@code body} null sends no body.
     */
    public Answer send(String method, String pathAndQuery, String authorization, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                // a large body waits for the server's go-ahead, so a refusal is read rather than cut off
                .expectContinue(body != null && body.length > LARGE_BODY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String pathAndQuery, String authorization) {
        return send("GET", pathAndQuery, authorization, null, null);
    }

    public Answer json(String method, String pathAndQuery, String authorization, String json) {
        return send(method, pathAndQuery, authorization, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A GET answered with a stream that may never end (server-sent events): status and headers only, the body
     * is read only when it is an error's, which ends.
     */
    public Answer open(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<java.io.InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                String text = response.statusCode() >= 400 ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "";
                return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text,
                        response.headers());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

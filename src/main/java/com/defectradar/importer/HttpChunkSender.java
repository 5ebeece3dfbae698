package com.defectradar.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real sender: JSON array bodies over the JDK's HTTP client, the API key as a Bearer token. */
final class HttpChunkSender implements ChunkSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;

    HttpChunkSender(URI baseUrl, String apiKey, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/tickets/batch");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public Answer send(List<ObjectNode> tickets) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(tickets)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
            return answer(JSON.readTree(response.body()));
        }
        String detail = detail(response.body());
        switch (status) {
            case 401 -> throw new Refused("the service answered 401: no valid API key (pass --api-key or set RADAR_API_KEY)" + detail);
            case 403 -> throw new Refused("the service answered 403: this API key may not write tickets"
                    + " (a reporter or admin key is needed; a key bound to a source may only send that source)" + detail);
            case 413 -> throw new TooLarge("the service answered 413" + detail);
            default -> {
                if (status >= 500 || status == 429 || status == 408) {
                    throw new IOException("the service answered " + status + detail); // worth retrying
                }
                throw new Refused("the service answered " + status + detail);
            }
        }
    }

    private static Answer answer(JsonNode body) {
        List<Rejection> rejected = new ArrayList<>();
        for (JsonNode r : body.path("rejected")) {
            int index = r.path("index").asInt();
            List<String> reasons = new ArrayList<>();
            for (JsonNode error : r.path("errors")) {
                // "[12].symptomCode" → "symptomCode": the row is named by the rejects file already
                String field = error.path("field").asText().replaceFirst("^\\[\\d+]\\.", "");
                reasons.add(field + ": " + error.path("message").asText());
            }
            rejected.add(new Rejection(index, r.path("ticketId").isTextual() ? r.path("ticketId").asText() : null, reasons));
        }
        return new Answer(body.path("created").asInt(), body.path("duplicates").asInt(), rejected);
    }

    private static String detail(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.hasNonNull("detail") ? " (" + problem.get("detail").asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

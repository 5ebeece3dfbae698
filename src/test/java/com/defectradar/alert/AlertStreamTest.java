package com.defectradar.alert;

import com.defectradar.support.AlertRows;
import com.defectradar.support.EmbeddedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import com.defectradar.support.TestKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AlertStreamTest {

    @TestHTTPResource("/api/v1/alerts/stream")
    URI stream;

    @Inject
    AgroalDataSource dataSource;

    private final String component = "stream-" + UUID.randomUUID().toString().substring(0, 8);

    /** A server-sent event as a client sees it. */
    record Event(String name, String id, String data) {
    }

    /** A subscriber on its own thread, collecting events as they arrive. */
    static final class Subscriber implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        /** Every event received, including those skipped while waiting for another. */
        final List<Event> received = new CopyOnWriteArrayList<>();
        // HTTP/1.1, as browsers' EventSource and most SSE clients speak it.
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Thread reader;
        final int status;
        final String contentType;

        Subscriber(URI uri) throws Exception {
            HttpResponse<java.io.InputStream> response = client.send(
                    HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                            .header("Authorization", TestKeys.bearer(TestKeys.ENGINEER)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            reader = Thread.ofPlatform().daemon().start(() -> read(response.body()));
        }

        private void read(java.io.InputStream body) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (name != null || !data.isEmpty()) {
                            Event event = new Event(name, id, data.toString());
                            received.add(event);
                            events.add(event);
                        }
                        name = null;
                        id = null;
                        data.setLength(0);
                        continue;
                    }
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                        default -> { }
                    }
                }
            } catch (java.io.IOException closed) {
                // the test closed the stream
            }
        }

        Event next(String name, long timeoutMillis) throws InterruptedException {
            return next(name, event -> true, timeoutMillis);
        }

        /** The next event of that name about that alert; events about other alerts (other tests') are skipped. */
        Event about(long alertId, long timeoutMillis) throws InterruptedException {
            return next("alert", event -> JsonPath.from(event.data()).getLong("alert.id") == alertId, timeoutMillis);
        }

        private Event next(String name, Predicate<Event> wanted, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (long left = timeoutMillis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                Event event = events.poll(left, TimeUnit.MILLISECONDS);
                if (event != null && name.equals(event.name()) && wanted.test(event)) {
                    return event;
                }
            }
            return null;
        }

        @Override
        public void close() {
            reader.interrupt();
            client.shutdownNow();
        }
    }

    /**
     * The second of two changes is timed: the first warms the path (classes loaded, code compiled) so that the
     * second measures the stream, not the JVM's start on a busy machine.
     */
    @Test
    void aTransitionReachesASubscriberWithinASecond() throws Exception {
        long refused = AlertRows.insertOne(dataSource, component, "DISMISSED", "HIGH");
        long warmUp = AlertRows.insertOne(dataSource, component, "OPEN", "HIGH");
        long id = AlertRows.insertOne(dataSource, component, "OPEN", "HIGH");
        try (Subscriber subscriber = new Subscriber(stream)) {
            assertEquals(200, subscriber.status);
            assertTrue(subscriber.contentType.startsWith("text/event-stream"), subscriber.contentType);
            assertNotNull(subscriber.next("ready", 10_000), "the stream says when it is listening");

            // A refused transition changes nothing and announces nothing; events come in commit order, so once the
            // warm-up change made after it has arrived, an event about the refused one would have arrived too.
            given().contentType(ContentType.JSON).body(Map.of("actor", "anna")).post("/api/v1/alerts/" + refused + "/resolve")
                    .then().statusCode(409);
            given().contentType(ContentType.JSON).body(Map.of("actor", "anna")).post("/api/v1/alerts/" + warmUp + "/acknowledge")
                    .then().statusCode(200);
            assertNotNull(subscriber.about(warmUp, 10_000), "the warm-up change arrives");
            assertTrue(subscriber.received.stream().filter(e -> "alert".equals(e.name()))
                            .noneMatch(e -> JsonPath.from(e.data()).getLong("alert.id") == refused),
                    "nothing was pushed for the refused transition");

            long sent = System.nanoTime();
            JsonPath acknowledged = given().contentType(ContentType.JSON).body(Map.of("actor", "anna", "note", "on it"))
                    .post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(200).extract().jsonPath();
            Event event = subscriber.about(id, 1_000);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertNotNull(event, "no alert event within a second of the transition");
            System.out.printf("SSE: acknowledge request sent to event received in %d ms%n", millis);
            assertTrue(millis < 1_000, "took " + millis + " ms");

            JsonPath data = JsonPath.from(event.data());
            assertEquals("ACKNOWLEDGED", data.getString("change"));
            assertEquals(id, data.getLong("alert.id"));
            assertEquals("ACKNOWLEDGED", data.getString("alert.status"));
            assertEquals("on it", data.getString("alert.history[0].note"));
            assertEquals(acknowledged.getString("updatedAt"), data.getString("changedAt"));
            assertEquals(data.getString("changedAt"), event.id(), "the event id is the change's updatedAt");
        }
    }

    /**
     * Another instance changes an alert the way every instance does (clock, update, NOTIFY in one transaction,
     * here on a connection of its own): this instance's subscribers hear of it once it commits.
     */
    @Test
    void changesCommittedElsewhereReachSubscribersAfterCommit() throws Exception {
        long id = AlertRows.insertOne(dataSource, component, "OPEN", "LOW");
        try (Subscriber first = new Subscriber(stream); Subscriber second = new Subscriber(stream);
             Connection elsewhere = dataSource.getConnection()) {
            assertNotNull(first.next("ready", 10_000));
            assertNotNull(second.next("ready", 10_000));
            elsewhere.setAutoCommit(false);
            try (PreparedStatement change = elsewhere.prepareStatement("""
                    with clock as (update alert_clock set last = greatest(clock_timestamp(), last + interval '1 microsecond')
                                   where id = 1 returning last),
                         changed as (update alert set status = 'RESOLVED', resolved_at = clock.last, updated_at = clock.last
                                     from clock where alert.id = ? returning alert.id, alert.updated_at)
                    select pg_notify('radar_alert_changes', json_build_object('alertId', id, 'change', 'RESOLVED',
                           'updatedAt', to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text)
                    from changed""")) {
                change.setLong(1, id);
                change.execute();
            }
            assertEquals(null, first.about(id, 300), "nothing is pushed before the change commits");
            elsewhere.commit();
            for (Subscriber subscriber : new Subscriber[]{first, second}) {
                Event event = subscriber.about(id, 10_000);
                assertNotNull(event, "every subscriber gets the change");
                assertEquals("RESOLVED", JsonPath.from(event.data()).getString("change"));
                assertEquals(id, JsonPath.from(event.data()).getLong("alert.id"));
            }
        }
    }

    /** The test profile sends a ping every second (25 s by default), so that this does not take long. */
    @Test
    void aQuietStreamIsKeptAliveWithPings() throws Exception {
        try (Subscriber subscriber = new Subscriber(stream)) {
            assertNotNull(subscriber.next("ready", 10_000));
            Event ping = subscriber.next("ping", 10_000);
            assertNotNull(ping, "an idle stream sends pings so that proxies keep it open");
            assertNotNull(JsonPath.from(ping.data()).getString("at"));
        }
    }
}

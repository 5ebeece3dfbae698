package com.defectradar;

import com.defectradar.embedded.EmbeddedDatabase;
import com.defectradar.support.AlertRows;
import com.defectradar.support.FleetSimulator;
import com.defectradar.support.Http;
import com.defectradar.support.ServiceProcess;
import com.defectradar.support.TestKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service processes on one PostgreSQL and one SMTP server, both with their schedules firing every second:
 * detection runs one at a time, each scheduled look at new tickets happens once, a pattern gets one alert,
 * and the week's digest is mailed once, whoever fires or asks.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TestKeys.bearer(TestKeys.ADMIN);
    private static final String MANAGERS = "managers@example.com";

    private static EmbeddedDatabase database;
    private static GreenMail smtp;
    private final List<Process> services = new ArrayList<>();

    @BeforeAll
    static void startDatabaseAndMail() {
        database = EmbeddedDatabase.startThrowaway();
        smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        database.close();
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    @Test
    void twoInstancesRunDetectionAndTheDigestOncePerPeriod() throws Exception {
        Map<String, String> settings = Map.of(
                "RADAR_AUTH_BOOTSTRAP_KEYS", "admin:" + TestKeys.ADMIN,
                "RADAR_DETECTION_EVERY", "1s",
                "RADAR_DIGEST_CHECK_EVERY", "1s",
                "RADAR_DIGEST_RECIPIENTS", MANAGERS,
                "RADAR_DIGEST_SEND_EMPTY", "true",
                "QUARKUS_MAILER_MOCK", "false",
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_LOGIN", "DISABLED");
        Http a = start("two-instances-a", settings);
        Http b = start("two-instances-b", settings);

        FleetSimulator.Fleet fleet = new FleetSimulator(1, true).generate();
        for (FleetSimulator.Batch batch : fleet.batches()) {
            assertEquals(201, a.json("PUT", "/api/v1/batches/" + batch.batchId(), ADMIN, JSON.writeValueAsString(batch.body())).status());
        }
        for (int from = 0; from < fleet.tickets().size(); from += 2000) {
            List<Map<String, Object>> chunk = fleet.tickets().subList(from, Math.min(from + 2000, fleet.tickets().size()));
            // alternate instances, as a load balancer would
            Http.Answer answer = (from / 2000 % 2 == 0 ? a : b).json("POST", "/api/v1/tickets/batch", ADMIN, JSON.writeValueAsString(chunk));
            assertEquals(200, answer.status(), answer.toString());
        }

        String asOf = FleetSimulator.START.plusDays(FleetSimulator.DAYS).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        List<Http.Answer> runs = together(
                () -> a.send("POST", "/api/v1/detection/runs?asOf=" + asOf, ADMIN, "application/json", new byte[0]),
                () -> b.send("POST", "/api/v1/detection/runs?asOf=" + asOf, ADMIN, "application/json", new byte[0]));
        runs.forEach(run -> assertEquals(200, run.status(), run.toString()));

        awaitMail();
        List<Http.Answer> sends = together(
                () -> a.send("POST", "/api/v1/digests/send", ADMIN, "application/json", new byte[0]),
                () -> b.send("POST", "/api/v1/digests/send", ADMIN, "application/json", new byte[0]));
        sends.forEach(send -> assertEquals(200, send.status(), send.toString()));
        Thread.sleep(3000); // more schedule firings on both instances

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement sql = connection.createStatement()) {
            assertNoOverlap(runIntervals(sql));
            try (ResultSet scheduled = sql.executeQuery("""
                    select max_ticket_id, count(*) from detection_run where trigger = 'schedule'
                    group by max_ticket_id having count(*) > 1""")) {
                assertFalse(scheduled.next(), "one scheduled run for each state of the tickets, whichever instance fired");
            }
            assertEquals(1, count(sql, "select count(*) from detection_run where trigger = 'schedule' and max_ticket_id = "
                    + "(select max(id) from ticket)"), "the newest tickets were looked at, once");
            assertEquals(2, count(sql, "select count(*) from detection_run where trigger = 'request'"));
            // both runs look at the year's last 56 days, where the cold-weather pattern is: one alert for it
            assertEquals(Set.of("RANGE_DROP@" + FleetSimulator.COLD_BATCH),
                    strings(sql, "select symptom_code || '@' || production_batch from alert"), "one alert per pattern");
            assertEquals(1, count(sql, "select count(*) from digest_delivery"));
        }
        assertEquals(1, smtp.getReceivedMessages().length, "one digest for the week, however many instances and calls");
        assertTrue(scheduledRuns(a) + scheduledRuns(b) >= 1, "scheduled runs are counted in the run metrics");
    }

    /** Scheduled runs an instance counted in its run metrics. */
    private static double scheduledRuns(Http instance) {
        return instance.get("/q/metrics", null).body().lines()
                .filter(line -> line.startsWith("radar_detection_run_duration_seconds_count") && line.contains("trigger=\"schedule\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Each instance keeps issued keys' callers and alert lists' ETags in memory; a revocation or an alert change
     * made through the other instance (or by SQL) must reach it. The notice takes milliseconds: waited for, with a
     * generous deadline, not timed.
     */
    @Test
    void aKeyRevokedAndAnAlertChangedOnOneInstanceAreSeenByTheOther() throws Exception {
        Map<String, String> settings = Map.of("RADAR_AUTH_BOOTSTRAP_KEYS", "admin:" + TestKeys.ADMIN);
        Http a = start("caches-a", settings);
        Http b = start("caches-b", settings);
        PGSimpleDataSource sql = new PGSimpleDataSource();
        sql.setURL(database.jdbcUrl());
        long alert = AlertRows.insertOne(sql, "caches", "OPEN", "HIGH");
        try {
            revocationAndAlertChangeReach(a, b, alert);
        } finally {
            // the database is shared with the other test, which counts every alert in it
            try (Connection connection = sql.getConnection(); Statement delete = connection.createStatement()) {
                delete.execute("delete from alert_history where alert_id = " + alert);
                delete.execute("delete from alert where id = " + alert);
            }
        }
    }

    private static void revocationAndAlertChangeReach(Http a, Http b, long alert) throws Exception {
        Map<?, ?> issued = JSON.readValue(a.json("POST", "/api/v1/keys", ADMIN,
                "{\"role\": \"engineer\", \"name\": \"used on b\"}").body(), Map.class);
        String engineer = TestKeys.bearer((String) issued.get("key"));
        String list = "/api/v1/alerts?component=caches";
        String etag = b.get(list, engineer).headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, b.get(list, engineer).headers().firstValue("ETag").orElseThrow(), "nothing changed yet");

        assertEquals(200, a.json("POST", "/api/v1/alerts/" + alert + "/acknowledge", ADMIN, "{\"actor\": \"a\"}").status());
        await(() -> !etag.equals(b.get(list, engineer).headers().firstValue("ETag").orElseThrow()),
                "an alert changed through instance A changes the list's ETag on B");

        assertEquals(204, a.send("DELETE", "/api/v1/keys/" + issued.get("id"), ADMIN, null, null).status());
        await(() -> b.get(list, engineer).status() == 401, "a key revoked on instance A stops working on B");
    }

    private Http start(String name, Map<String, String> settings) throws InterruptedException {
        int port = ServiceProcess.freePort();
        services.add(ServiceProcess.start(database, port, name, settings));
        return ServiceProcess.http(port);
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ", within 10 s");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitMail() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (smtp.getReceivedMessages().length == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no digest arrived from the schedule within a minute");
            }
            Thread.sleep(200);
        }
    }

    @SafeVarargs
    private static List<Http.Answer> together(Callable<Http.Answer>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (Callable<Http.Answer> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<Http.Answer> result = new ArrayList<>();
            for (Future<Http.Answer> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }

    private static List<long[]> runIntervals(Statement sql) throws SQLException {
        List<long[]> intervals = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select started_at, finished_at from detection_run order by started_at")) {
            while (rows.next()) {
                Timestamp finished = rows.getTimestamp(2);
                assertTrue(finished != null, "every run finished");
                intervals.add(new long[]{rows.getTimestamp(1).getTime(), finished.getTime()});
            }
        }
        return intervals;
    }

    /** One run at a time across instances: no run starts before the one before it has finished. */
    private static void assertNoOverlap(List<long[]> intervals) {
        assertTrue(intervals.size() >= 3, "two requested runs and at least one scheduled: " + intervals.size());
        for (int i = 1; i < intervals.size(); i++) {
            assertTrue(intervals.get(i)[0] >= intervals.get(i - 1)[1], "run " + i + " overlaps the run before it");
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> strings(Statement sql, String query) throws SQLException {
        Set<String> values = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
                seen.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "no pattern twice: " + seen);
        return values;
    }
}

package com.defectradar.importer;

import com.defectradar.support.BootstrapKeys;
import com.defectradar.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer against the real service over HTTP: the NHTSA sample (300 real complaints, 15 with impossible
 * dates, 15 with component lists longer than the API's 64 characters) with the documented mapping, and an
 * import whose connection dies after the service stored a chunk, resumed without storing anything twice.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ImportApiTest {

    static final Path SAMPLE = Path.of("src/test/resources/import/nhtsa-sample.csv");
    static final Path MAPPING = Path.of("tools/import/nhtsa-complaints.properties");

    @TestHTTPResource("/")
    URL root;

    /** Not @TempDir: JUnit's injection does not reach fields of a @QuarkusTest instance. */
    Path dir;

    @BeforeEach
    void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("import-test");
    }

    @Test
    void theNhtsaSampleImportsWithCountsAndRejectsAndASecondRunSendsNothing() throws IOException {
        Path checkpoint = dir.resolve("sample.checkpoint.json");
        Path rejects = dir.resolve("sample.rejects.csv");
        Run first = cli("--mapping", MAPPING.toString(), "--chunk-size", "100", "--checkpoint", checkpoint.toString(),
                "--rejects", rejects.toString(), "--progress", "lines", SAMPLE.toString());

        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("nhtsa-sample.csv: 300 rows · 285 sent · 285 created · 0 duplicates · 15 rejected"
                + " (15 by the mapping, 0 by the service)"), first.out());
        assertTrue(first.err().contains("100% · 300 rows"), "a progress line per chunk: " + first.err());
        assertEquals(285, storedTickets("nhtsa").size());

        List<String> lines = Files.readAllLines(rejects);
        assertEquals("row,line,ticketId,stage,reasons", lines.getFirst());
        assertEquals(15, lines.size() - 1);
        assertTrue(lines.stream().anyMatch(l -> l.contains("occurredAt: 1919-09-09 is before 20")), String.join("\n", lines));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",local,")));

        Run again = cli("--mapping", MAPPING.toString(), "--checkpoint", checkpoint.toString(), "--rejects",
                rejects.toString(), "--progress", "none", SAMPLE.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("was imported completely before"), again.out());
        assertEquals(16, Files.readAllLines(rejects).size(), "the rejects file is kept as it was");
    }

    @Test
    void anImportInterruptedAfterTheServiceStoredAChunkResumesWithoutDuplicates() throws Exception {
        String source = "nhtsa-" + UUID.randomUUID().toString().substring(0, 8);
        // The documented mapping without the cut to 64 characters: the service refuses those 15 rows itself.
        Path mapping = dir.resolve("mapping.properties");
        Files.writeString(mapping, Files.readString(MAPPING).replace("source = nhtsa", "source = " + source)
                .replace("{components|left:64}", "{components}"));
        CsvImporter.Settings settings = new CsvImporter.Settings(SAMPLE, mapping, dir.resolve("cp.json"),
                dir.resolve("rejects.csv"), 40, false, 2, Duration.ofMillis(10));
        HttpChunkSender http = new HttpChunkSender(URI.create(root.toString()), BootstrapKeys.of("admin"), Duration.ofSeconds(60));

        // The first chunk fails once before reaching the service (retried); the third reaches it, is stored, and then
        // the connection dies before the answer arrives, after which the process is gone (no retries left).
        AtomicInteger calls = new AtomicInteger();
        ChunkSender flaky = tickets -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IOException("connection refused");
            }
            ChunkSender.Answer answer = http.send(tickets);
            if (call == 4) {
                throw new ChunkSender.Refused("connection reset after the request was sent");
            }
            return answer;
        };
        Run interrupted = run(settings, flaky);
        assertEquals(1, interrupted.status(), interrupted.err());
        assertTrue(interrupted.err().contains("Rows 1..") && interrupted.err().contains("run the same command to resume"),
                interrupted.err());
        Checkpoint atStop = Checkpoint.read(settings.checkpoint());
        assertEquals(80, atStop.counts().sent(), "two chunks of 40 acknowledged");
        int storedBeforeResume = storedTickets(source).size();
        assertTrue(storedBeforeResume > atStop.counts().created(), "the third chunk was stored though unacknowledged");

        Run resumed = run(settings, http);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("Resumed after row " + atStop.rowsDone()), resumed.out());

        Checkpoint done = Checkpoint.read(settings.checkpoint());
        assertTrue(done.complete());
        assertEquals(300, done.counts().rows());
        assertEquals(15, done.counts().rejectedLocally());
        assertEquals(15, done.counts().rejectedByService());
        assertEquals(270, done.counts().created() + done.counts().duplicates());
        assertEquals(storedBeforeResume - atStop.counts().created(), done.counts().duplicates(),
                "exactly the unacknowledged chunk's tickets come back as duplicates");

        List<Map<String, Object>> stored = storedTickets(source);
        assertEquals(270, stored.size());
        assertEquals(270, new HashSet<>(stored.stream().map(t -> t.get("ticketId")).toList()).size());

        List<String> rejectLines = Files.readAllLines(settings.rejects()).subList(1, 31);
        assertEquals(30, rejectLines.size());
        Set<String> rows = new HashSet<>();
        rejectLines.forEach(l -> rows.add(l.substring(0, l.indexOf(','))));
        assertEquals(30, rows.size(), "no row listed twice: " + rejectLines);
        assertEquals(15, rejectLines.stream().filter(l -> l.contains(",service,symptomCode: must be at most 64 characters")).count(),
                String.join("\n", rejectLines));
    }

    @Test
    void aMappingThatDoesNotFitTheFileStopsBeforeSendingAnything() throws IOException {
        Path mapping = dir.resolve("wrong.properties");
        Files.writeString(mapping, Files.readString(MAPPING).replace("{incident_date}", "{incident_day}"));
        Run run = cli("--mapping", mapping.toString(), "--checkpoint", dir.resolve("c.json").toString(), "--rejects",
                dir.resolve("r.csv").toString(), SAMPLE.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("[incident_day]"), run.err());

        Run usage = cli("--chunk-size", "20000", SAMPLE.toString());
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("--chunk-size takes a whole number from 1 to 10000"), usage.err());
    }

    private record Run(int status, String out, String err) {
    }

    private Run cli(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("RADAR_URL", root.toString());
        String key = BootstrapKeys.of("admin");
        if (key != null) {
            env.put("RADAR_API_KEY", key);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(CsvImporter.Settings settings, ChunkSender sender) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportCli.run(settings, sender, Progress.Mode.LINES, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Map<String, Object>> storedTickets(String source) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("source", source).queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }
}

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's clients, one per measurement; {@code bench/run} starts the service and calls them. Each
 * prints {@code RESULT <metric> <value>} lines, which bench/run collects. Usage:
 * <pre>
 * java bench/Bench.java batches|bulk|single|poll|detect|alert-time --port P --key K [options]
 * </pre>
 */
public class Bench {

    private static final Pattern GC_PAUSE = Pattern.compile("Pause (Young|Full|Remark|Cleanup).*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Map<String, String> options = new HashMap<>();
    private final Fleet fleet;

    Bench(String[] args) {
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        fleet = new Fleet(number("seed", 7), number("fleet", 1_000_000), (int) number("history-days", 91),
                Instant.parse(option("end", Instant.now().minusSeconds(3600).toString())));
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(args);
        switch (args[0]) {
            case "batches" -> bench.batches();
            case "bulk" -> bench.bulk();
            case "single" -> bench.single();
            case "poll" -> bench.poll();
            case "detect" -> bench.detect();
            case "alert-time" -> bench.alertTime();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Registers every production batch of the fleet (PUT /api/v1/batches/{id}). */
    void batches() throws IOException {
        try (Http http = http("admin")) {
            for (Fleet.Batch batch : fleet.batches()) {
                expect(http.send("PUT", "/api/v1/batches/" + batch.id(), "application/json",
                        batch.json().getBytes(StandardCharsets.UTF_8)), 200, 201);
            }
        }
        System.out.println("RESULT batches " + fleet.batches().size());
    }

    /** Tickets [from, to) through POST /api/v1/tickets/batch, {@code size} a request, {@code clients} at once. */
    void bulk() throws Exception {
        long from = number("from", 0);
        long to = number("to", fleet.tickets());
        int size = (int) number("size", 2000);
        List<byte[]> bodies = bodies(from, to, size);
        AtomicLong next = new AtomicLong();
        AtomicLong created = new AtomicLong();
        long start = System.nanoTime();
        run((int) number("clients", 4), () -> {
            try (Http http = http("reporter")) {
                for (long b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    Http.Response response = expect(http.send("POST", "/api/v1/tickets/batch", "application/json",
                            bodies.get((int) b)), 200);
                    created.addAndGet(field(response.text(), "created"));
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        String name = option("label", "bulk");
        System.out.printf("RESULT %s_tickets %d%nRESULT %s_created %d%nRESULT %s_per_second %.0f%n",
                name, to - from, name, created.get(), name, (to - from) / seconds);
    }

    /** Generated before the clock starts, in parallel: the client must not be what is measured. */
    private List<byte[]> bodies(long from, long to, int size) throws Exception {
        int count = (int) ((to - from + size - 1) / size);
        byte[][] bodies = new byte[count][];
        AtomicLong next = new AtomicLong();
        run(Runtime.getRuntime().availableProcessors(), () -> {
            for (long b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
                StringBuilder json = new StringBuilder(size * 600).append('[');
                for (long i = from + b * size; i < Math.min(to, from + (b + 1) * size); i++) {
                    json.append(i == from + b * size ? "" : ",").append(fleet.ticket(i));
                }
                bodies[(int) b] = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        return Arrays.asList(bodies);
    }

    /**
     * Single tickets through POST /api/v1/tickets, {@code clients} connections each sending its next ticket as
     * soon as the last is answered, for {@code seconds} after {@code warmup} seconds not counted.
     */
    void single() throws Exception {
        long first = number("from", 2_000_000_000L);
        AtomicLong next = new AtomicLong(first);
        List<long[]> latencies = timedLoop((int) number("clients", 16), number("warmup", 5), number("seconds", 20), http -> {
            byte[] body = fleet.ticket(next.getAndIncrement()).getBytes(StandardCharsets.UTF_8);
            expect(http.send("POST", "/api/v1/tickets", "application/json", body), 201);
        }, "reporter");
        report("single", latencies, number("seconds", 20));
    }

    /** GET /api/v1/alerts with the current ETag as If-None-Match: every answer must be 304. */
    void poll() throws Exception {
        String etag;
        try (Http http = http("engineer")) {
            etag = expect(http.get("/api/v1/alerts"), 200).headers().get("etag");
        }
        List<long[]> latencies = timedLoop((int) number("clients", 16), number("warmup", 3), number("seconds", 15),
                http -> expect(http.get("/api/v1/alerts", "If-None-Match", etag), 304), "engineer");
        report("poll", latencies, number("seconds", 15));
    }

    /** One detection run (POST /api/v1/detection/runs) timed, with the heap the GC log saw during it. */
    void detect() throws Exception {
        String gcLog = option("gc-log", null);
        long logStart = gcLog == null ? 0 : new RandomAccessFile(gcLog, "r").length();
        String asOf = option("as-of", Instant.now().toString());
        long start = System.nanoTime();
        String run;
        try (Http http = http("engineer")) {
            run = expect(http.send("POST", "/api/v1/detection/runs?asOf=" + asOf, "application/json", new byte[0]), 200).text();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String name = "detect_" + option("label", "run");
        System.out.printf("RESULT %s_seconds %.2f%nRESULT %s_tickets_considered %d%nRESULT %s_candidates %d%n",
                name, seconds, name, field(run, "ticketsConsidered"), name, field(run, "candidateClusters"));
        if (gcLog != null) {
            heapDuring(name, gcLog, logStart);
        }
    }

    /** The largest heap occupancy before a collection during the run, and whether a full GC happened. */
    private static void heapDuring(String name, String gcLog, long from) throws IOException {
        long peak = 0;
        int full = 0;
        try (RandomAccessFile log = new RandomAccessFile(gcLog, "r")) {
            log.seek(from);
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    peak = Math.max(peak, Long.parseLong(pause.group(2)));
                    full += pause.group(1).equals("Full") ? 1 : 0;
                }
            }
        }
        System.out.printf("RESULT %s_peak_heap_mb %d%nRESULT %s_full_gcs %d%n", name, peak, name, full);
    }

    /**
     * Time to alert with the service's own schedule: for each planted pattern, all members but one are posted
     * and a scheduled run is awaited (no alert may exist yet), then the last member is posted and the alert
     * list polled until the pattern's alert is on it.
     */
    void alertTime() throws Exception {
        int members = (int) number("members", 3);
        try (Http admin = http("admin"); Http engineer = http("engineer")) {
            for (int p = 0; p < number("patterns", 3); p++) {
                Fleet.Batch batch = fleet.plantedBatch(p);
                expect(admin.send("PUT", "/api/v1/batches/" + batch.id(), "application/json",
                        batch.json().getBytes(StandardCharsets.UTF_8)), 200, 201);
                Instant posted = Instant.now();
                for (int m = 0; m < members - 1; m++) {
                    postPlanted(admin, p, m, posted.minus(Duration.ofHours(6L * (members - m))));
                }
                awaitScheduledRunAfter(engineer, posted);
                String alerts = "/api/v1/alerts?status=OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED&productionBatch=" + batch.id();
                if (!expect(engineer.get(alerts), 200).text().contains("\"items\":[]")) {
                    System.out.println("NOTE pattern " + p + " alerted before its last member; not counted");
                    continue;
                }
                long start = System.nanoTime();
                postPlanted(admin, p, members - 1, Instant.now().minusSeconds(60));
                while (expect(engineer.get(alerts), 200).text().contains("\"items\":[]")) {
                    Thread.sleep(100);
                }
                System.out.printf("RESULT time_to_alert_seconds %.1f%n", (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private void postPlanted(Http http, int pattern, int member, Instant at) throws IOException {
        expect(http.send("POST", "/api/v1/tickets", "application/json",
                fleet.planted(pattern, member, at).getBytes(StandardCharsets.UTF_8)), 201, 200);
    }

    private static void awaitScheduledRunAfter(Http http, Instant instant) throws Exception {
        while (true) {
            Http.Response latest = http.get("/api/v1/detection/runs/latest");
            if (latest.status() == 200 && Instant.parse(text(latest.text(), "startedAt")).isAfter(instant)) {
                return;
            }
            Thread.sleep(500);
        }
    }

    interface Call {
        void on(Http http) throws Exception;
    }

    interface Work {
        void run() throws Exception;
    }

    /** Latencies (ns) per client of calls made while measuring; calls during the warm-up are not kept. */
    private List<long[]> timedLoop(int clients, long warmupSeconds, long seconds, Call call, String role) throws Exception {
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long stopAt = measureFrom + seconds * 1_000_000_000L;
        List<long[]> all = new ArrayList<>();
        run(clients, () -> {
            long[] kept = new long[1 << 16];
            int n = 0;
            try (Http http = http(role)) {
                for (long now = System.nanoTime(); now < stopAt; ) {
                    call.on(http);
                    long done = System.nanoTime();
                    if (now >= measureFrom && done <= stopAt) {
                        kept = n == kept.length ? Arrays.copyOf(kept, n * 2) : kept;
                        kept[n++] = done - now;
                    }
                    now = done;
                }
            }
            synchronized (all) {
                all.add(Arrays.copyOf(kept, n));
            }
        });
        return all;
    }

    private static void report(String name, List<long[]> latencies, long seconds) {
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("RESULT %s_requests %d%nRESULT %s_per_second %.0f%nRESULT %s_p50_ms %.2f%nRESULT %s_p99_ms %.2f%n",
                name, all.length, name, all.length / (double) seconds, name, all[all.length / 2] / 1e6,
                name, all[(int) (all.length * 0.99)] / 1e6);
    }

    private static void run(int threads, Work work) throws Exception {
        List<Thread> started = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private Http http(String role) {
        return new Http("localhost", (int) number("port", 18080), option(role + "-key", option("key", "bench-admin-key")));
    }

    private static Http.Response expect(Http.Response response, int... statuses) {
        if (Arrays.stream(statuses).noneMatch(s -> s == response.status())) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.text());
        }
        return response;
    }

    private static long field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private long number(String name, long fallback) {
        return Long.parseLong(option(name, String.valueOf(fallback)));
    }
}

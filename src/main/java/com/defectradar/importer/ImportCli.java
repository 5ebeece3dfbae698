package com.defectradar.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk import of historical tickets from a CSV file into a running Defect Radar, as a plain JVM program in the
 * service's jar (no Quarkus start, no database access: it speaks the public API like any shop system).
 * {@code tools/import-csv} runs it; {@code docs/import.md} has the worked NHTSA example.
 */
public final class ImportCli {

    static final String USAGE = """
            Usage: tools/import-csv --mapping FILE [options] CSV

            Sends the rows of CSV to POST /api/v1/tickets/batch as tickets, mapped by FILE (docs/import.md).
            Resumable: run the same command again after an interruption; rows the service already answered are
            skipped, the chunk that was in flight is sent again and counted as duplicates, never stored twice.

            Options (defaults in brackets):
              --mapping FILE      column mapping, ticketField = template (required)
              --url URL           service base URL [$RADAR_URL or http://localhost:8080]
              --api-key KEY       API key with the reporter or admin role [$RADAR_API_KEY]
              --chunk-size N      tickets per request, 1..10000 [2000]
              --checkpoint FILE   where progress is kept [./<csv name>.checkpoint.json]
              --rejects FILE      rows not stored, with reasons [./<csv name>.rejects.csv]
              --restart           ignore the checkpoint and start from the first row
              --retries N         retries of a chunk after network errors or 5xx, pausing 1 s, 2 s, 4 s... [5]
              --timeout SECONDS   time allowed for one request [300]
              --progress MODE     bar, lines or none [bar on a terminal, else lines]

            Exit status: 0 imported (rejects are listed in the rejects file), 1 stopped before the end (resume
            with the same command), 2 wrong arguments, mapping or checkpoint.
            """;

    private ImportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command, with its environment and streams passed in, so tests run it as users do. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        }
        if (arguments == null) {
            out.print(USAGE);
            return 0;
        }
        return run(arguments.settings(), new HttpChunkSender(arguments.url(), arguments.apiKey(), arguments.timeout()),
                arguments.progressMode(), out, err);
    }

    static int run(CsvImporter.Settings settings, ChunkSender sender, Progress.Mode progressMode, PrintStream out, PrintStream err) {
        CsvImporter importer = new CsvImporter(settings, sender);
        Thread hook = new Thread(() -> err.printf(Locale.ROOT, "%nInterrupted: rows 1..%,d are answered and recorded in %s;"
                + " run the same command to resume.%n", importer.rowsAcknowledged(), settings.checkpoint()));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CsvImporter.Outcome outcome = importer.run((totalBytes, rowsAtStart) -> new Progress(err, progressMode,
                    totalBytes, rowsAtStart));
            report(outcome, settings, out);
            return 0;
        } catch (ColumnMapping.MappingException | CsvImporter.ResumeMismatch | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.printf(Locale.ROOT, "%nStopped: %s%nRows 1..%,d are answered and recorded in %s; fix the cause and run the same"
                    + " command to resume.%n", e.getMessage(), importer.rowsAcknowledged(), settings.checkpoint());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already and says what to do
            }
        }
    }

    private static void report(CsvImporter.Outcome outcome, CsvImporter.Settings settings, PrintStream out) {
        Checkpoint.Counts c = outcome.counts();
        if (outcome.alreadyComplete()) {
            out.printf(Locale.ROOT, "%s was imported completely before (checkpoint %s); nothing sent. Pass --restart to send it again.%n",
                    settings.csv().getFileName(), settings.checkpoint());
        } else if (outcome.resumedAfterRow() > 0) {
            out.printf(Locale.ROOT, "Resumed after row %,d.%n", outcome.resumedAfterRow());
        }
        out.printf(Locale.ROOT, "%s: %,d rows · %,d sent · %,d created · %,d duplicates · %,d rejected (%,d by the mapping,"
                        + " %,d by the service)%s%n", settings.csv().getFileName(), c.rows(), c.sent(), c.created(),
                c.duplicates(), c.rejected(), c.rejectedLocally(), c.rejectedByService(),
                outcome.alreadyComplete() ? "" : String.format(Locale.ROOT, " · %.1f s", outcome.took().toMillis() / 1000.0));
        if (c.rejected() > 0) {
            out.println("Rejected rows and reasons: " + outcome.rejects());
        }
    }

    /** Parsed command-line arguments; {@code parse} answers null for --help. */
    record Arguments(CsvImporter.Settings settings, URI url, String apiKey, Duration timeout, Progress.Mode progressMode) {

        static Arguments parse(String[] args, Map<String, String> env) {
            Path mapping = null;
            Path checkpoint = null;
            Path rejects = null;
            String url = env.getOrDefault("RADAR_URL", "http://localhost:8080");
            String apiKey = env.get("RADAR_API_KEY");
            int chunkSize = 2000;
            int retries = 5;
            int timeoutSeconds = 300;
            boolean restart = false;
            String progress = System.console() != null && System.console().isTerminal() ? "bar" : "lines";
            List<String> files = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--mapping" -> mapping = Path.of(value(args, ++i, arg));
                    case "--url" -> url = value(args, ++i, arg);
                    case "--api-key" -> apiKey = value(args, ++i, arg);
                    case "--chunk-size" -> chunkSize = number(value(args, ++i, arg), arg, 1, CsvImporter.MAX_CHUNK);
                    case "--checkpoint" -> checkpoint = Path.of(value(args, ++i, arg));
                    case "--rejects" -> rejects = Path.of(value(args, ++i, arg));
                    case "--restart" -> restart = true;
                    case "--retries" -> retries = number(value(args, ++i, arg), arg, 0, 100);
                    case "--timeout" -> timeoutSeconds = number(value(args, ++i, arg), arg, 1, 3600);
                    case "--progress" -> {
                        progress = value(args, ++i, arg);
                        if (!List.of("bar", "lines", "none").contains(progress)) {
                            throw new IllegalArgumentException("--progress takes bar, lines or none");
                        }
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("Unknown option " + arg);
                        }
                        files.add(arg);
                    }
                }
            }
            if (files.size() != 1) {
                throw new IllegalArgumentException("Name exactly one CSV file (got " + files.size() + ").");
            }
            if (mapping == null) {
                throw new IllegalArgumentException("--mapping is required.");
            }
            Path csv = Path.of(files.getFirst());
            String name = csv.getFileName().toString();
            URI base;
            try {
                base = URI.create(url);
                if (base.getScheme() == null || base.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--url must be like http://localhost:8080, not '" + url + "'");
            }
            CsvImporter.Settings settings = new CsvImporter.Settings(csv, mapping,
                    checkpoint != null ? checkpoint : Path.of(name + ".checkpoint.json"),
                    rejects != null ? rejects : Path.of(name + ".rejects.csv"),
                    chunkSize, restart, retries, Duration.ofSeconds(1));
            for (Path file : List.of(csv, mapping)) {
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new IllegalArgumentException("Cannot read " + file + ".");
                }
            }
            return new Arguments(settings, base, apiKey == null || apiKey.isBlank() ? null : apiKey,
                    Duration.ofSeconds(timeoutSeconds), Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT)));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String text, String option, int min, int max) {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max);
        }
    }
}

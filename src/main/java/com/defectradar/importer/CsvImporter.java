package com.defectradar.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports one CSV file: rows mapped to tickets, sent in chunks, each chunk's answer recorded (rejects, counts)
 * and then checkpointed. At-least-once delivery with an idempotent receiver: an interruption anywhere costs at
 * most the chunk in flight, which the next run sends again and the service answers as duplicates.
 */
final class CsvImporter {

    /** Everything an import needs to know; see {@link ImportCli} for the defaults. */
    record Settings(Path csv, Path mapping, Path checkpoint, Path rejects, int chunkSize, boolean restart, int retries,
                    Duration firstBackoff) {
    }

    /** How an import ended. {@code resumedAfterRow} is 0 for a fresh start. */
    record Outcome(Checkpoint.Counts counts, boolean alreadyComplete, long resumedAfterRow,
                   Path rejects, Duration took) {
    }

    /** The checkpoint belongs to another file or mapping; resuming would skip the wrong rows. */
    static final class ResumeMismatch extends RuntimeException {
        ResumeMismatch(String message) {
            super(message);
        }
    }

    private record Pending(long row, long line, String ticketId, ObjectNode ticket) {
    }

    static final int MAX_CHUNK = 10_000;

    private final Settings settings;
    private final ChunkSender sender;
    private volatile long rowsAcknowledged;

    CsvImporter(Settings settings, ChunkSender sender) {
        if (settings.chunkSize() < 1 || settings.chunkSize() > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be 1.." + MAX_CHUNK + " (the service's limit per request)");
        }
        this.settings = settings;
        this.sender = sender;
    }

    /** Rows answered so far, including those of earlier runs: what a resumed run would skip. */
    long rowsAcknowledged() {
        return rowsAcknowledged;
    }

    Outcome run(ProgressFactory progressFactory) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ColumnMapping mapping = ColumnMapping.load(settings.mapping());
        Path lockFile = settings.checkpoint().resolveSibling(settings.checkpoint().getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new ResumeMismatch("Another import is running with checkpoint " + settings.checkpoint()
                        + " (" + lockFile + " is locked).");
            }
            Checkpoint checkpoint = startingPoint(mapping);
            rowsAcknowledged = checkpoint.rowsDone();
            if (checkpoint.complete()) {
                return new Outcome(checkpoint.counts(), true, checkpoint.rowsDone(), settings.rejects(), since(started));
            }
            long resumedAfterRow = checkpoint.rowsDone();
            boolean resuming = resumedAfterRow > 0 || checkpoint.rejectsBytes() > 0;
            try (CsvReader reader = new CsvReader(settings.csv(), mapping.charset(), mapping.delimiter());
                 RejectsFile rejects = RejectsFile.open(settings.rejects(), resuming ? checkpoint.rejectsBytes() : null)) {
                mapping.requireColumns(reader.header());
                Progress progress = progressFactory.create(checkpoint.csvBytes(), checkpoint.rowsDone());
                checkpoint = importRows(mapping, reader, rejects, checkpoint, progress);
                progress.finish();
            }
            return new Outcome(checkpoint.counts(), false, resumedAfterRow, settings.rejects(), since(started));
        }
    }

    private Checkpoint importRows(ColumnMapping mapping, CsvReader reader, RejectsFile rejects, Checkpoint checkpoint,
                                  Progress progress) throws IOException, InterruptedException {
        List<Pending> chunk = new ArrayList<>();
        Checkpoint.Counts chunkCounts = Checkpoint.Counts.ZERO;
        long lastRow = checkpoint.rowsDone();
        CsvReader.Row row;
        while ((row = reader.next()) != null) {
            if (row.number() <= checkpoint.rowsDone()) {
                continue;
            }
            lastRow = row.number();
            switch (mapping.map(reader.header(), row.fields())) {
                case ColumnMapping.Mapped(String ticketId, ObjectNode ticket) ->
                        chunk.add(new Pending(row.number(), row.line(), ticketId, ticket));
                case ColumnMapping.Refused(String ticketId, List<String> reasons) -> {
                    rejects.add(row.number(), row.line(), ticketId, "local", reasons);
                    chunkCounts = chunkCounts.plus(new Checkpoint.Counts(0, 0, 0, 0, 1, 0));
                }
            }
            if (chunk.size() == settings.chunkSize()) {
                checkpoint = deliver(chunk, chunkCounts, lastRow, rejects, checkpoint, false);
                progress.update(checkpoint.counts(), reader.bytesRead(), true);
                chunk.clear();
                chunkCounts = Checkpoint.Counts.ZERO;
            } else {
                progress.update(checkpoint.counts().plus(chunkCounts), reader.bytesRead(), false);
            }
        }
        checkpoint = deliver(chunk, chunkCounts, lastRow, rejects, checkpoint, true);
        progress.update(checkpoint.counts(), reader.bytesRead(), true);
        return checkpoint;
    }

    /** Sends a chunk, records its rejects, then moves the checkpoint past its last row. */
    private Checkpoint deliver(List<Pending> chunk, Checkpoint.Counts local, long lastRow, RejectsFile rejects,
                               Checkpoint checkpoint, boolean complete) throws IOException, InterruptedException {
        long rowsInChunk = lastRow - checkpoint.rowsDone();
        Checkpoint.Counts counts = checkpoint.counts().plus(local).plus(new Checkpoint.Counts(rowsInChunk, chunk.size(), 0, 0, 0, 0));
        if (!chunk.isEmpty()) {
            ChunkSender.Answer answer = sendSplittingIfTooLarge(chunk.stream().map(Pending::ticket).toList());
            for (ChunkSender.Rejection rejection : answer.rejected()) {
                Pending pending = chunk.get(rejection.index());
                rejects.add(pending.row(), pending.line(),
                        rejection.ticketId() != null ? rejection.ticketId() : pending.ticketId(), "service", rejection.reasons());
            }
            counts = counts.plus(new Checkpoint.Counts(0, 0, answer.created(), answer.duplicates(), 0, answer.rejected().size()));
        }
        Checkpoint next = checkpoint.advance(lastRow, rejects.flush(), counts, complete);
        next.write(settings.checkpoint());
        rowsAcknowledged = lastRow;
        return next;
    }

    /** A 413 (descriptions make some chunks large) is answered by sending the chunk in halves. */
    private ChunkSender.Answer sendSplittingIfTooLarge(List<ObjectNode> tickets) throws IOException, InterruptedException {
        try {
            return sendWithRetries(tickets);
        } catch (ChunkSender.TooLarge e) {
            if (tickets.size() == 1) {
                return new ChunkSender.Answer(0, 0, List.of(new ChunkSender.Rejection(0, null,
                        List.of("the ticket alone is larger than the service accepts in a request: " + e.getMessage()))));
            }
            int half = tickets.size() / 2;
            ChunkSender.Answer first = sendSplittingIfTooLarge(tickets.subList(0, half));
            ChunkSender.Answer second = sendSplittingIfTooLarge(tickets.subList(half, tickets.size()));
            List<ChunkSender.Rejection> rejected = new ArrayList<>(first.rejected());
            second.rejected().forEach(r -> rejected.add(new ChunkSender.Rejection(r.index() + half, r.ticketId(), r.reasons())));
            return new ChunkSender.Answer(first.created() + second.created(), first.duplicates() + second.duplicates(),
                    rejected);
        }
    }

    /** Network failures and 5xx are retried with doubling pauses; refusals and 413 are not. */
    private ChunkSender.Answer sendWithRetries(List<ObjectNode> tickets) throws IOException, InterruptedException {
        Duration pause = settings.firstBackoff();
        for (int attempt = 0; ; attempt++) {
            try {
                return sender.send(tickets);
            } catch (ChunkSender.Refused | ChunkSender.TooLarge e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= settings.retries()) {
                    throw new IOException("sending a chunk failed " + (attempt + 1) + " times, the last time: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : pause.multipliedBy(2);
            }
        }
    }

    /** The checkpoint to continue from: the stored one if it fits this file and mapping, else a fresh one. */
    private Checkpoint startingPoint(ColumnMapping mapping) throws IOException {
        long size = Files.size(settings.csv());
        String fingerprint = fingerprint(settings.csv());
        Checkpoint fresh = new Checkpoint(settings.csv().toAbsolutePath().normalize().toString(), size, fingerprint,
                mapping.hash(), 0, 0, Checkpoint.Counts.ZERO, false);
        if (settings.restart() || !Files.exists(settings.checkpoint())) {
            return fresh;
        }
        Checkpoint stored = Checkpoint.read(settings.checkpoint());
        if (stored.csvBytes() != size || !stored.csvFingerprint().equals(fingerprint)) {
            throw new ResumeMismatch("Checkpoint " + settings.checkpoint() + " belongs to another version of the CSV ("
                    + stored.csv() + ", " + stored.csvBytes() + " bytes); pass --restart to import this file from its "
                    + "first row (tickets already stored are recognised as duplicates) or --checkpoint to use another file.");
        }
        if (!stored.mappingHash().equals(mapping.hash())) {
            throw new ResumeMismatch("Checkpoint " + settings.checkpoint() + " was written with another version of the "
                    + "mapping; pass --restart to import again from the first row with this mapping.");
        }
        return stored;
    }

    /** Size plus a digest of the first megabyte: cheap on big files, and catches a replaced or edited export. */
    static String fingerprint(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return ColumnMapping.sha256(in.readNBytes(1 << 20));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Progress is created once the file size and the resume point are known. */
    @FunctionalInterface
    interface ProgressFactory {
        Progress create(long totalBytes, long rowsAtStart);
    }
}

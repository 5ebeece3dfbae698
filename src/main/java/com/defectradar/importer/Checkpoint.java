package com.defectradar.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an import stands: every row up to {@code rowsDone} has been answered by the service (or refused
 * locally), and the rejects file held {@code rejectsBytes} bytes at that moment. Written after every
 * acknowledged chunk, atomically (a new file moved over the old), so a kill at any instant leaves either the
 * previous or the next checkpoint. Rows after it are sent again on resume: the service recognises tickets it
 * already stored by (source, ticketId) and counts them as duplicates, so nothing is stored twice.
 */
record Checkpoint(String csv, long csvBytes, String csvFingerprint, String mappingHash, long rowsDone,
                  long rejectsBytes, Counts counts, boolean complete) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Running totals of an import, kept in the checkpoint so a resumed import reports the whole file. */
    record Counts(long rows, long sent, long created, long duplicates, long rejectedLocally, long rejectedByService) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        long rejected() {
            return rejectedLocally + rejectedByService;
        }

        Counts plus(Counts other) {
            return new Counts(rows + other.rows, sent + other.sent, created + other.created,
                    duplicates + other.duplicates, rejectedLocally + other.rejectedLocally,
                    rejectedByService + other.rejectedByService);
        }
    }

    static Checkpoint read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Checkpoint.class);
    }

    void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Checkpoint advance(long rowsDone, long rejectsBytes, Counts counts, boolean complete) {
        return new Checkpoint(csv, csvBytes, csvFingerprint, mappingHash, rowsDone, rejectsBytes, counts, complete);
    }
}

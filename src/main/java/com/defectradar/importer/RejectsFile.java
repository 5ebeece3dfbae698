package com.defectradar.importer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rows that were not stored, one CSV line each: the row number (1 = first row after the header), the line
 * of the CSV file it starts on, its ticket id when known, who refused it (local: the mapping or a check; service:
 * the API's validation) and every reason. On resume the file is cut back to its length at the checkpoint,
 * so rows answered again after an interruption are not listed twice.
 */
final class RejectsFile implements Closeable {

    static final String HEADER = "row,line,ticketId,stage,reasons\n";

    private final Path path;
    private final BufferedWriter writer;

    private RejectsFile(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** A new rejects file, or the existing one cut back to {@code keepBytes} when resuming. */
    static RejectsFile open(Path path, Long keepBytes) throws IOException {
        if (keepBytes == null || !Files.exists(path)) {
            Files.writeString(path, HEADER, StandardCharsets.UTF_8);
        } else {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(keepBytes);
            }
        }
        return new RejectsFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    void add(long row, long line, String ticketId, String stage, List<String> reasons) throws IOException {
        writer.write(row + "," + line + "," + quote(ticketId) + "," + stage + "," + quote(String.join("; ", reasons)) + "\n");
    }

    /** Flushes and answers the file's length, the value a checkpoint records. */
    long flush() throws IOException {
        writer.flush();
        return Files.size(path);
    }

    Path path() {
        return path;
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}

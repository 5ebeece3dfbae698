package com.defectradar.importer;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: delimiter-separated fields, double quotes around fields that hold delimiters, quotes
 * ({@code ""}) or line breaks. Written here rather than pulled in because the importer runs as a plain JVM
 * program from the service's jar, and this is the whole of what it needs. Knows how many bytes it has
 * consumed, for progress on files of any size without a counting pass.
 */
final class CsvReader implements Closeable {

    /** One data record: its number (1 = first row after the header), the line it starts on, its fields. */
    record Row(long number, long line, List<String> fields) {
    }

    private final CountingStream bytes;
    private final BufferedReader reader;
    private final char delimiter;
    private final List<String> header;
    private long line = 1;
    private long rows;
    private int pushedBack = -2;

    CsvReader(Path file, Charset charset, char delimiter) throws IOException {
        this.bytes = new CountingStream(Files.newInputStream(file));
        // a small buffer keeps the byte count close to what has really been parsed
        this.reader = new BufferedReader(new InputStreamReader(bytes, charset), 8192);
        this.delimiter = delimiter;
        List<String> first = readRecord();
        if (first == null) {
            throw new IOException(file + " is empty: a header row naming the columns is needed");
        }
        if (!first.isEmpty() && first.getFirst().startsWith("\uFEFF")) {
            first.set(0, first.getFirst().substring(1)); // byte order mark written by spreadsheet programs
        }
        this.header = first.stream().map(String::strip).toList();
    }

    List<String> header() {
        return header;
    }

    /** The next data record, or null at the end of the file. Blank lines are skipped. */
    Row next() throws IOException {
        while (true) {
            long startLine = line;
            List<String> fields = readRecord();
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.getFirst().isEmpty()) {
                continue;
            }
            return new Row(++rows, startLine, fields);
        }
    }

    long bytesRead() {
        return bytes.count;
    }

    private List<String> readRecord() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + line + ": the file ends inside a quoted field");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = following;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int following = read();
                    if (following != '\n' && following != -1) {
                        unread(following);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return reader.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

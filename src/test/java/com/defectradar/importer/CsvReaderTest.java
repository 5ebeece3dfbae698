package com.defectradar.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsEmbeddedLineBreaksCrLfAndAByteOrderMark() throws IOException {
        Path csv = write("\uFEFFid,components,note\r\n"
                + "1,\"AIR BAGS,STRUCTURE\",plain\r\n"
                + "2,\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                + "\r\n"
                + "3,,last");
        try (CsvReader reader = new CsvReader(csv, StandardCharsets.UTF_8, ',')) {
            assertEquals(List.of("id", "components", "note"), reader.header());
            List<CsvReader.Row> rows = new ArrayList<>();
            for (CsvReader.Row row; (row = reader.next()) != null; ) {
                rows.add(row);
            }
            assertEquals(3, rows.size());
            assertEquals(List.of("1", "AIR BAGS,STRUCTURE", "plain"), rows.get(0).fields());
            assertEquals(List.of("2", "say \"hi\"", "two\nlines"), rows.get(1).fields());
            assertEquals(List.of("3", "", "last"), rows.get(2).fields());
            assertEquals(List.of(1L, 2L, 3L), rows.stream().map(CsvReader.Row::number).toList());
            assertEquals(List.of(2L, 3L, 6L), rows.stream().map(CsvReader.Row::line).toList(), "lines where rows start");
            assertEquals(Files.size(csv), reader.bytesRead());
        }
    }

    @Test
    void anUnclosedQuoteIsAnError() throws IOException {
        Path csv = write("a,b\n1,\"open\n");
        try (CsvReader reader = new CsvReader(csv, StandardCharsets.UTF_8, ',')) {
            IOException e = assertThrows(IOException.class, reader::next);
            assertTrue(e.getMessage().contains("quoted"), e.getMessage());
        }
    }

    @Test
    void otherDelimiters() throws IOException {
        Path csv = write("a;b\n1;2,5\n");
        try (CsvReader reader = new CsvReader(csv, StandardCharsets.UTF_8, ';')) {
            assertEquals(List.of("1", "2,5"), reader.next().fields());
        }
    }

    private Path write(String content) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }
}

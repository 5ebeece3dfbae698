package com.defectradar.importer;

import com.defectradar.common.JsonFields;
import com.defectradar.common.Sha256;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * How CSV rows become tickets: a properties file of {@code ticketField = template} lines (see {@link Template}),
 * checks that refuse rows before they are sent ({@code check.<dateField>.notBefore|notAfter = template}) and CSV
 * options ({@code csv.delimiter}, {@code csv.charset}). Rows are converted and checked locally only as far as
 * the JSON types need; lengths, ranges and the rest are the service's to judge, so there is one rule book.
 */
final class ColumnMapping {

    static final Set<String> REQUIRED = Set.of("source", "ticketId", "unitId", "component", "symptomCode", "occurredAt");
    static final Set<String> TEXT = Set.of("source", "ticketId", "unitId", "component", "symptomCode",
            "productionBatch", "firmwareVersion", "model", "serviceCenter", "region", "description", "currency");
    static final Set<String> NUMBERS = Set.of("ambientTemperatureC", "mileageKm", "laborHours", "partsCost");
    static final Set<String> DATES = Set.of("occurredAt", "productionDate");
    /** The contract's order, so tickets and reasons read like the API documentation. */
    static final List<String> ORDER = List.of("source", "ticketId", "unitId", "component", "symptomCode", "occurredAt",
            "productionBatch", "productionDate", "firmwareVersion", "ambientTemperatureC", "model", "serviceCenter",
            "region", "mileageKm", "description", "laborHours", "partsCost", "currency");

    /** A mapped row: the ticket to send, or why it cannot be sent. */
    sealed interface Result permits Mapped, Refused {
        String ticketId();
    }

    record Mapped(String ticketId, ObjectNode ticket) implements Result {
    }

    record Refused(String ticketId, List<String> reasons) implements Result {
    }

    private record Check(String field, String kind, Template bound) {
    }

    private final Map<String, Template> fields;
    private final List<Check> checks;
    private final char delimiter;
    private final Charset charset;
    private final String hash;

    private ColumnMapping(Map<String, Template> fields, List<Check> checks, char delimiter, Charset charset, String hash) {
        this.fields = fields;
        this.checks = checks;
        this.delimiter = delimiter;
        this.charset = charset;
        this.hash = hash;
    }

    /** Reads a mapping file; throws {@link MappingException} listing every problem in it. */
    static ColumnMapping load(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Template> fields = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        char delimiter = ',';
        Charset charset = StandardCharsets.UTF_8;
        List<String> keys = new ArrayList<>(new TreeSet<>(properties.stringPropertyNames()));
        keys.sort(Comparator.comparingInt(k -> ORDER.contains(k) ? ORDER.indexOf(k) : ORDER.size()));
        for (String key : keys) {
            String value = properties.getProperty(key);
            try {
                if (key.equals("csv.delimiter")) {
                    String d = value.equals("\\t") || value.equals("tab") ? "\t" : value;
                    if (d.length() != 1) {
                        throw new IllegalArgumentException("must be one character (or 'tab')");
                    }
                    delimiter = d.charAt(0);
                } else if (key.equals("csv.charset")) {
                    charset = Charset.forName(value.strip());
                } else if (key.startsWith("check.")) {
                    checks.add(check(key, value));
                } else if (TEXT.contains(key) || NUMBERS.contains(key) || DATES.contains(key)) {
                    fields.put(key, Template.parse(value));
                } else {
                    throw new IllegalArgumentException("is not a ticket field; fields: " + String.join(", ", ORDER)
                            + ", plus csv.delimiter, csv.charset and check.<field>.notBefore|notAfter");
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        for (String required : ORDER.stream().filter(REQUIRED::contains).toList()) {
            if (!fields.containsKey(required)) {
                problems.add(required + ": is required by the ticket contract and not mapped");
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(file + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return new ColumnMapping(fields, List.copyOf(checks), delimiter, charset, sha256(content));
    }

    private static Check check(String key, String value) {
        String[] parts = key.split("\\.");
        if (parts.length != 3 || !DATES.contains(parts[1]) || !Set.of("notBefore", "notAfter").contains(parts[2])) {
            throw new IllegalArgumentException("checks are check.occurredAt|productionDate.notBefore|notAfter");
        }
        return new Check(parts[1], parts[2], Template.parse(value));
    }

    /** Fails when the mapping reads columns the CSV does not have: better before the first row than at every row. */
    void requireColumns(List<String> header) {
        Set<String> available = Set.copyOf(header);
        Set<String> missing = new TreeSet<>();
        fields.values().forEach(t -> t.columns().stream().filter(c -> !available.contains(c)).forEach(missing::add));
        checks.forEach(c -> c.bound().columns().stream().filter(col -> !available.contains(col)).forEach(missing::add));
        if (!missing.isEmpty()) {
            throw new MappingException("The mapping reads column(s) " + missing + " that the CSV header does not have; "
                    + "the header has " + header);
        }
    }

    Result map(List<String> header, List<String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), i < values.size() ? values.get(i) : "");
        }
        List<String> reasons = new ArrayList<>();
        if (values.size() != header.size()) {
            reasons.add("row has " + values.size() + " field(s), the header " + header.size());
        }
        ObjectNode ticket = JsonNodeFactory.instance.objectNode();
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Template> field : fields.entrySet()) {
            try {
                String value = field.getValue().render(row);
                if (value != null) {
                    rendered.put(field.getKey(), value);
                    put(ticket, field.getKey(), value, reasons);
                } else if (REQUIRED.contains(field.getKey())) {
                    reasons.add(field.getKey() + ": is empty (mapped from " + field.getValue() + ")");
                }
            } catch (Template.ValueException e) {
                reasons.add(field.getKey() + ": " + e.getMessage() + " (mapped from " + field.getValue() + ")");
            }
        }
        for (Check check : checks) {
            check(check, row, rendered, reasons);
        }
        String ticketId = rendered.get("ticketId");
        return reasons.isEmpty() ? new Mapped(ticketId, ticket) : new Refused(ticketId, List.copyOf(reasons));
    }

    private static void put(ObjectNode ticket, String field, String value, List<String> reasons) {
        if (NUMBERS.contains(field)) {
            try {
                BigDecimal number = new BigDecimal(value);
                if (field.equals("partsCost")) {
                    ticket.put(field, number);
                } else {
                    ticket.put(field, number.doubleValue());
                }
            } catch (NumberFormatException e) {
                reasons.add(field + ": '" + value + "' is not a number");
            }
        } else if (DATES.contains(field) && date(value) == null) {
            reasons.add(field + ": '" + value + "' is not an ISO-8601 date or instant; map it with {column|date:PATTERN}");
        } else {
            ticket.put(field, value);
        }
    }

    private static void check(Check check, Map<String, String> row, Map<String, String> rendered, List<String> reasons) {
        String value = rendered.get(check.field());
        LocalDate date = value == null ? null : date(value);
        if (date == null) {
            return;
        }
        String boundText;
        try {
            boundText = check.bound().render(row);
        } catch (Template.ValueException e) {
            reasons.add("check." + check.field() + "." + check.kind() + ": " + e.getMessage());
            return;
        }
        LocalDate bound = boundText == null ? null : date(boundText);
        if (bound == null) {
            reasons.add("check." + check.field() + "." + check.kind() + ": '" + boundText + "' is not a date");
        } else if (check.kind().equals("notBefore") && date.isBefore(bound)) {
            reasons.add(check.field() + ": " + value + " is before " + bound + " (check." + check.field() + ".notBefore = "
                    + check.bound() + ")");
        } else if (check.kind().equals("notAfter") && date.isAfter(bound)) {
            reasons.add(check.field() + ": " + value + " is after " + bound + " (check." + check.field() + ".notAfter = "
                    + check.bound() + ")");
        }
    }

    /** The date of an ISO date, date-time or instant, as the service reads them; null if it is none. */
    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notDate) {
            Instant instant = JsonFields.parseInstant(value);
            return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
        }
    }

    char delimiter() {
        return delimiter;
    }

    Charset charset() {
        return charset;
    }

    /** Identifies the mapping in a checkpoint: resuming with another mapping would mix two imports. */
    String hash() {
        return hash;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.of(bytes));
    }

    /** The mapping file or its fit to the CSV is wrong: nothing is sent. */
    static final class MappingException extends RuntimeException {
        MappingException(String message) {
            super(message);
        }
    }
}

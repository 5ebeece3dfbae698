package com.defectradar.ticket;

import com.defectradar.web.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TicketParser parser = new TicketParser(Clock.fixed(Instant.parse("2021-02-01T00:00:00Z"), ZoneOffset.UTC));

    private ObjectNode valid() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"source":"s","ticketId":"t1","unitId":"u1","component":"battery","symptomCode":"RANGE_DROP",
                 "occurredAt":"2021-01-07T06:24:00Z","productionDate":"2020-12-14","ambientTemperatureC":-14.5,
                 "mileageKm":8200,"laborHours":1.5,"partsCost":120.5,"currency":"CNY"}""");
    }

    private List<FieldError> errors(JsonNode node) {
        return assertInstanceOf(TicketParser.Invalid.class, parser.parse(node, "")).errors();
    }

    @Test
    void validTicketParses() throws Exception {
        TicketInput ticket = assertInstanceOf(TicketParser.Valid.class, parser.parse(valid(), "")).ticket();
        assertEquals(Instant.parse("2021-01-07T06:24:00Z"), ticket.occurredAt());
        assertEquals(-14.5, ticket.ambientTemperatureC());
    }

    @Test
    void plainDateMeansMidnightUtc() throws Exception {
        ObjectNode node = valid().put("occurredAt", "2021-01-12");
        TicketInput ticket = assertInstanceOf(TicketParser.Valid.class, parser.parse(node, "")).ticket();
        assertEquals(Instant.parse("2021-01-12T00:00:00Z"), ticket.occurredAt());
    }

    @Test
    void everyMissingRequiredFieldIsListed() {
        List<FieldError> errors = errors(MAPPER.createObjectNode());
        assertEquals(List.of("source", "ticketId", "unitId", "component", "symptomCode", "occurredAt"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.stream().allMatch(e -> e.message().equals("is required")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ambientTemperatureC | -80.5          | must be between -80 and 80",
            "ambientTemperatureC | 80.01          | must be between -80 and 80",
            "ambientTemperatureC | \"-5\"         | must be a number",
            "ambientTemperatureC | 1e400          | must be between -80 and 80",
            "mileageKm           | -1             | must be between 0 and 10000000",
            "mileageKm           | true           | must be a number",
            "occurredAt          | \"2021-02-03T00:00:01Z\" | must not be more than 1 day in the future",
            "occurredAt          | \"2021-13-01\" | must be an ISO-8601 instant such as 2021-01-12T07:40:00Z, or a date such as 2021-01-12",
            "occurredAt          | 20210107       | must be an ISO-8601 instant such as 2021-01-12T07:40:00Z, or a date such as 2021-01-12",
            "productionDate      | \"14.12.2020\" | must be a date such as 2020-12-14",
            "productionDate      | \"2021-03-01\" | must be between 1900-01-01 and tomorrow",
            "source              | 42             | must be a string",
            "component           | \"   \"        | is required",
            "symptomCode         | {}             | must be a string",
            "currency            | \"C1Y\"        | must be a three-letter ISO 4217 code such as CNY",
            "partsCost           | -0.01          | must be between 0 and 1000000000000",
            "laborHours          | \"2h\"         | must be a number"})
    void eachRuleNamesItsField(String field, String json, String message) throws Exception {
        ObjectNode node = valid();
        node.set(field, MAPPER.readTree(json));
        assertEquals(List.of(new FieldError(field, message)), errors(node));
    }

    @Test
    void lengthsAreCountedInCharacters() throws Exception {
        ObjectNode node = valid().put("source", "é".repeat(64)).put("unitId", "x".repeat(65))
                .put("ticketId", "t".repeat(128)).put("description", "d".repeat(4001));
        assertEquals(List.of(new FieldError("unitId", "must be at most 64 characters"),
                new FieldError("description", "must be at most 4000 characters")), errors(node));
    }

    @Test
    void batchItemsArePrefixedWithTheirIndex() throws Exception {
        ObjectNode node = valid().put("mileageKm", -3);
        List<FieldError> errors = assertInstanceOf(TicketParser.Invalid.class, parser.parse(node, "[7].")).errors();
        assertEquals("[7].mileageKm", errors.getFirst().field());
    }

    @Test
    void nonObjectIsRejected() throws Exception {
        assertEquals("[2]", assertInstanceOf(TicketParser.Invalid.class,
                parser.parse(MAPPER.readTree("[1]"), "[2]")).errors().getFirst().field());
    }

    @Test
    void sameContentHashesAlikeWhateverTheDateSpelling() throws Exception {
        TicketInput a = ((TicketParser.Valid) parser.parse(valid().put("occurredAt", "2021-01-12"), "")).ticket();
        TicketInput b = ((TicketParser.Valid) parser.parse(valid().put("occurredAt", "2021-01-12T08:00:00+08:00"), "")).ticket();
        TicketInput c = ((TicketParser.Valid) parser.parse(valid().put("occurredAt", "2021-01-12").put("mileageKm", 8201), "")).ticket();
        assertEquals(a.contentHash(), b.contentHash());
        assertTrue(!a.contentHash().equals(c.contentHash()));
    }
}

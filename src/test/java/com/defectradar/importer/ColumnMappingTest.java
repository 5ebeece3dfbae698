package com.defectradar.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnMappingTest {

    private static final List<String> HEADER = List.of("odi_number", "make", "model", "model_year", "components",
            "incident_date", "crash", "fire", "injuries", "deaths");

    @TempDir
    Path dir;

    @Test
    void theDocumentedNhtsaMappingMakesTicketsAndRefusesImpossibleDates() throws IOException {
        ColumnMapping mapping = ColumnMapping.load(Path.of("tools/import/nhtsa-complaints.properties"));
        mapping.requireColumns(HEADER);

        ColumnMapping.Mapped ok = assertInstanceOf(ColumnMapping.Mapped.class, mapping.map(HEADER,
                List.of("10650450", "FORD", "EXPLORER", "2015", "ELECTRICAL SYSTEM", "2014-10-17", "N", "N", "0", "0")));
        assertEquals("10650450", ok.ticketId());
        assertEquals("FORD EXPLORER 2015", ok.ticket().get("productionBatch").asText());
        assertEquals("2014-10-17", ok.ticket().get("occurredAt").asText());
        assertEquals("vehicle", ok.ticket().get("component").asText());
        assertEquals("crash: N, fire: N, injuries: 0, deaths: 0", ok.ticket().get("description").asText());

        ColumnMapping.Refused bogus = assertInstanceOf(ColumnMapping.Refused.class, mapping.map(HEADER,
                List.of("11000001", "FORD", "ESCAPE", "2017", "ENGINE", "1919-09-09", "N", "N", "0", "0")));
        assertEquals(List.of("occurredAt: 1919-09-09 is before 2016-01-01 (check.occurredAt.notBefore = "
                + "{model_year|plus:-1}-01-01)"), bogus.reasons());

        String long64 = "A".repeat(70);
        ColumnMapping.Mapped cut = assertInstanceOf(ColumnMapping.Mapped.class, mapping.map(HEADER,
                List.of("1", "TESLA", "MODEL 3", "2021", long64, "2021-05-01", "N", "N", "0", "0")));
        assertEquals(64, cut.ticket().get("symptomCode").asText().length());
    }

    @Test
    void typesFiltersAndEveryReasonAtOnce() throws IOException {
        ColumnMapping mapping = load("""
                source = shop-{region|lower}
                ticketId = {id}
                unitId = {vin|default:unknown}
                component = battery
                symptomCode = {code|upper}
                occurredAt = {when|date:dd.MM.yyyy}
                ambientTemperatureC = {temp}
                partsCost = {cost}
                """);
        List<String> header = List.of("id", "vin", "region", "code", "when", "temp", "cost");
        ColumnMapping.Mapped ok = assertInstanceOf(ColumnMapping.Mapped.class,
                mapping.map(header, List.of("7", "", "NORTH", "range_drop", "07.01.2021", "-14.5", "12.30")));
        assertEquals("shop-north", ok.ticket().get("source").asText());
        assertEquals("unknown", ok.ticket().get("unitId").asText());
        assertEquals("RANGE_DROP", ok.ticket().get("symptomCode").asText());
        assertEquals("2021-01-07", ok.ticket().get("occurredAt").asText());
        assertTrue(ok.ticket().get("ambientTemperatureC").isDouble());
        assertEquals(-14.5, ok.ticket().get("ambientTemperatureC").asDouble());
        assertEquals("12.30", ok.ticket().get("partsCost").decimalValue().toPlainString());

        ColumnMapping.Refused bad = assertInstanceOf(ColumnMapping.Refused.class,
                mapping.map(header, List.of("8", "V", "south", "", "2021-01-07", "cold", "1")));
        assertEquals(3, bad.reasons().size(), bad.reasons().toString());
        assertTrue(bad.reasons().get(0).startsWith("symptomCode: is empty"), bad.reasons().toString());
        assertTrue(bad.reasons().get(1).startsWith("occurredAt: '2021-01-07' is not a date like dd.MM.yyyy"), bad.reasons().toString());
        assertTrue(bad.reasons().get(2).startsWith("ambientTemperatureC: 'cold' is not a number"), bad.reasons().toString());
    }

    @Test
    void mistakesInTheMappingAreAllReportedBeforeAnythingIsSent() throws IOException {
        ColumnMapping.MappingException e = assertThrows(ColumnMapping.MappingException.class, () -> load("""
                source = x
                ticketId = {id
                component = battery
                symptom = {code}
                occurredAt = {when|nosuchfilter}
                check.unitId.notBefore = 2020-01-01
                """));
        String message = e.getMessage();
        for (String expected : List.of("ticketId: '{' at position 1 is never closed", "symptom: is not a ticket field",
                "occurredAt: unknown filter 'nosuchfilter'", "check.unitId.notBefore: checks are",
                "unitId: is required", "symptomCode: is required")) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }

        ColumnMapping valid = load("source = x\nticketId = {id}\nunitId = {id}\ncomponent = c\nsymptomCode = {code}\noccurredAt = {when}\n");
        ColumnMapping.MappingException columns = assertThrows(ColumnMapping.MappingException.class,
                () -> valid.requireColumns(List.of("id", "when")));
        assertTrue(columns.getMessage().contains("[code]"), columns.getMessage());
    }

    private ColumnMapping load(String properties) throws IOException {
        Path file = dir.resolve("m.properties");
        Files.writeString(file, properties);
        return ColumnMapping.load(file);
    }
}

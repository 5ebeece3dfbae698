package com.defectradar.ticket;

import com.defectradar.common.JsonFields;
import com.defectradar.web.FieldError;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Turns one JSON object into a {@link TicketInput}, or into the list of everything wrong with it. */
public final class TicketParser {

    static final int CODE_LENGTH = 64;
    static final int TICKET_ID_LENGTH = 128;
    static final int DESCRIPTION_LENGTH = 4000;
    /** Clocks of shops drift and time zones get confused; a day of slack, no more. */
    static final Duration FUTURE_SLACK = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private final Clock clock;

    public TicketParser(Clock clock) {
        this.clock = clock;
    }

    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(TicketInput ticket) implements Result {
    }

    public record Invalid(String ticketId, List<FieldError> errors) implements Result {
    }

    /** {@code prefix} names the item in field paths, e.g. "" for a single ticket. */
    public Result parse(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            return new Invalid(null, List.of(new FieldError(prefix.isEmpty() ? "$" : prefix, "must be a JSON object")));
        }
        JsonFields f = new JsonFields(node, prefix);
        String source = f.requiredText("source", CODE_LENGTH);
        String ticketId = f.requiredText("ticketId", TICKET_ID_LENGTH);
        String unitId = f.requiredText("unitId", CODE_LENGTH);
        String component = f.requiredText("component", CODE_LENGTH);
        String symptomCode = f.requiredText("symptomCode", CODE_LENGTH);
        Instant occurredAt = occurredAt(f);
        String productionBatch = f.optionalText("productionBatch", CODE_LENGTH);
        LocalDate productionDate = productionDate(f);
        String firmwareVersion = f.optionalText("firmwareVersion", CODE_LENGTH);
        Double temperature = f.optionalNumber("ambientTemperatureC", -80, 80);
        String model = f.optionalText("model", CODE_LENGTH);
        String serviceCenter = f.optionalText("serviceCenter", CODE_LENGTH);
        String region = f.optionalText("region", CODE_LENGTH);
        Double mileage = f.optionalNumber("mileageKm", 0, 10_000_000);
        String description = f.optionalText("description", DESCRIPTION_LENGTH);
        Double laborHours = f.optionalNumber("laborHours", 0, 10_000);
        BigDecimal partsCost = f.optionalDecimal("partsCost", BigDecimal.ZERO, new BigDecimal("1000000000000"), 4);
        String currency = currency(f);
        if (!f.errors().isEmpty()) {
            return new Invalid(ticketIdForReport(node), List.copyOf(f.errors()));
        }
        return new Valid(new TicketInput(source.strip(), ticketId.strip(), unitId.strip(), component, symptomCode,
                occurredAt, productionBatch, productionDate, firmwareVersion, temperature, model, serviceCenter,
                region, mileage, description, laborHours, partsCost, currency));
    }

    private Instant occurredAt(JsonFields f) {
        Instant occurredAt = f.requiredInstant("occurredAt");
        if (occurredAt == null) {
            return null;
        }
        if (occurredAt.isAfter(clock.instant().plus(FUTURE_SLACK))) {
            f.reject("occurredAt", "must not be more than 1 day in the future");
            return null;
        }
        if (occurredAt.isBefore(EARLIEST)) {
            f.reject("occurredAt", "must not be before 1900-01-01");
            return null;
        }
        return occurredAt;
    }

    /**
     * Only sanity bounds: a part's production date may follow the ticket's date in real data (a part swapped
     * in later, a date of the unit rather than the part), so it is not checked against occurredAt.
     */
    private LocalDate productionDate(JsonFields f) {
        LocalDate date = f.optionalDate("productionDate");
        if (date == null) {
            return null;
        }
        if (date.getYear() < 1900 || date.isAfter(LocalDate.now(clock).plusDays(1))) {
            f.reject("productionDate", "must be between 1900-01-01 and tomorrow");
            return null;
        }
        return date;
    }

    private static String currency(JsonFields f) {
        String currency = f.optionalText("currency", 3);
        if (currency != null && !currency.matches("[A-Za-z]{3}")) {
            f.reject("currency", "must be a three-letter ISO 4217 code such as CNY");
            return null;
        }
        return currency;
    }

    private static String ticketIdForReport(JsonNode node) {
        JsonNode id = node.get("ticketId");
        if (id == null || !id.isTextual()) {
            return null;
        }
        String text = id.textValue();
        return text.length() > TICKET_ID_LENGTH ? text.substring(0, TICKET_ID_LENGTH) : text;
    }
}

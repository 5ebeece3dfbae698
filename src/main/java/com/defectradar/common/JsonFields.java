package com.defectradar.common;

import com.defectradar.web.FieldError;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields out of one JSON object and collects every problem instead of stopping at the first,
 * so a client learns all that is wrong with its input in one answer.
 */
public final class JsonFields {

    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final JsonNode object;
    private final String prefix;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    public String requiredText(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null && !hasWrongType(field)) {
            reject(field, "is required");
        }
        return value;
    }

    /** A string field; blank counts as absent. */
    public String optionalText(String field, int maxLength) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            reject(field, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return null;
        }
        String unfit = unfitCharacter(value);
        if (unfit != null) {
            reject(field, unfit);
            return null;
        }
        return value.isBlank() ? null : value;
    }

    /** What makes a string unfit to store, or null: one pass, as every text field of every ticket goes through it. */
    private static String unfitCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    // "\ud800" alone is valid JSON but not text: PostgreSQL would store it as '?', another value
                    return "must not contain unpaired surrogate escapes";
                }
                i++;
            }
        }
        return null;
    }

    public Double optionalNumber(String field, double min, double max) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            reject(field, "must be a number");
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < min || value > max) {
            reject(field, "must be between " + plain(min) + " and " + plain(max));
            return null;
        }
        return value;
    }

    public Integer requiredInteger(String field, int min, int max) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            reject(field, "is required");
            return null;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            // 1e400 parses as an infinite double, which has no decimal value
            reject(field, "must be between " + min + " and " + max);
            return null;
        }
        if (!node.isIntegralNumber() && !(node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0)) {
            reject(field, "must be a whole number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            reject(field, "must be between " + min + " and " + max);
            return null;
        }
        return value.intValueExact();
    }

    public BigDecimal optionalDecimal(String field, BigDecimal min, BigDecimal max, int maxScale) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
            reject(field, "must be a number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            reject(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
            return null;
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            reject(field, "must have at most " + maxScale + " decimal places");
            return null;
        }
        return value.stripTrailingZeros();
    }

    /** An ISO-8601 instant, an offset date-time, or a plain date meaning midnight UTC. */
    public Instant requiredInstant(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            reject(field, "is required");
            return null;
        }
        if (!node.isTextual()) {
            reject(field, "must be an ISO-8601 instant such as 2021-01-12T07:40:00Z, or a date such as 2021-01-12");
            return null;
        }
        Instant value = parseInstant(node.textValue().strip());
        if (value == null) {
            reject(field, "must be an ISO-8601 instant such as 2021-01-12T07:40:00Z, or a date such as 2021-01-12");
        }
        return value;
    }

    public LocalDate optionalDate(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        LocalDate value = node.isTextual() ? parseDate(node.textValue().strip()) : null;
        if (value == null) {
            reject(field, "must be a date such as 2020-12-14");
        }
        return value;
    }

    public boolean hasWrongType(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(prefix + field));
    }

    /**
     * Null when not an instant or a date, or outside the years 1 to 9999: Java parses years up to a billion,
     * which PostgreSQL and the JDBC driver cannot hold.
     */
    public static Instant parseInstant(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        return instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT) ? null : instant;
    }

    static LocalDate parseDate(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException notDate) {
            Instant instant = parseInstant(text);
            return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
        }
        return date.getYear() < 1 || date.getYear() > 9999 ? null : date;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

package com.defectradar.web;

import com.defectradar.common.JsonFields;

import java.time.Instant;

/** Parses query parameters with problem answers that name the parameter, instead of JAX-RS's bare 404. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int limit(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number between 1 and " + max);
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant = JsonFields.parseInstant(value.strip());
        if (instant == null) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2021-01-12T07:40:00Z or a date");
        }
        return instant;
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A numeric id from a path; anything else is simply not found. */
    public static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No resource with id '" + value + "'.");
        }
    }
}

package com.defectradar.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query results, whichever Java type the driver chose for them. */
public final class SqlValues {

    private SqlValues() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime dateTime -> dateTime.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
        };
    }
}

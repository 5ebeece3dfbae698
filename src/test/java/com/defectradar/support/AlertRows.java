package com.defectradar.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts written straight into the database, for tests that need many of them or need them in a given state
 * without running detection. They belong to one component (the filter that keeps a test to its own alerts),
 * spread over seven batches, and come in groups of ten sharing one updatedAt, so that ordering ties are
 * exercised. Their updatedAt lies just before the alert clock's next value, as if they had been changed one
 * after another a moment ago; a test must not insert them while another test is polling.
 */
public final class AlertRows {

    private static final String INSERT = """
            with clock as (
                update alert_clock set last = greatest(clock_timestamp(), last + interval '1 microsecond')
                where id = 1 returning last)
            insert into alert (signature_key, status, severity, title, summary, component, symptom_code,
                               production_batch, ticket_count, unit_count, first_occurred_at, last_occurred_at,
                               detected_at, updated_at, observed, expected, rate_ratio, p_value, method,
                               resolved_at, dismissed_ticket_count)
            select ? || '|' || gen_random_uuid() || '|' || i, ?, ?, 'Planted alert ' || i, 'Planted by a test.', ?, 'PLANTED',
                   'BATCH-' || (i % 7), 5, 5, clock.last - interval '30 days', clock.last - interval '1 day',
                   clock.last - interval '1 day', clock.last - (i / 10) * interval '1 millisecond', 5, 1.0, 5.0,
                   1e-6, 'planted by a test',
                   case when ? = 'RESOLVED' then clock.last end, case when ? = 'DISMISSED' then 5 end
            from clock, generate_series(0, ? - 1) i
            order by i
            returning id
            """;

    private AlertRows() {
    }

    /** Inserts {@code count} alerts of {@code component} in {@code status}; answers their ids, newest first. */
    public static List<Long> insert(DataSource dataSource, String component, int count, String status, String severity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, component);
            insert.setString(2, status);
            insert.setString(3, severity);
            insert.setString(4, component);
            insert.setString(5, status);
            insert.setString(6, status);
            insert.setInt(7, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not insert test alerts", e);
        }
    }

    /** Inserts one alert of {@code component} in {@code status}; answers its id. */
    public static long insertOne(DataSource dataSource, String component, String status, String severity) {
        return insert(dataSource, component, 1, status, severity).getFirst();
    }
}

package com.defectradar.digest;

import io.agroal.api.AgroalDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes alerts, their history and their member tickets straight into the database, the way detection and
 * the alert transitions leave them: the digest only reads these tables.
 */
final class AlertSeed {

    private final AgroalDataSource dataSource;

    AlertSeed(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties what the digest reads and writes, so each test sees only its own alerts and deliveries. */
    void clear() {
        execute("delete from digest_delivery", "delete from alert_ticket", "delete from alert_history",
                "delete from alert", "delete from ticket");
    }

    /** An alert detected at {@code detectedAt} with a "Detected" history entry; the status is set by {@link #history}. */
    long alert(String component, String symptom, String batch, String severity, Instant detectedAt, double rateRatio,
               BigDecimal recallCost, String title) {
        String sql = """
                insert into alert (signature_key, status, severity, title, summary, component, symptom_code,
                    production_batch, firmware_version, temperature_min, temperature_max, ticket_count, unit_count,
                    first_occurred_at, last_occurred_at, detected_at, updated_at, observed, expected, rate_ratio,
                    p_value, method, units_produced, estimated_recall_cost, currency)
                values (?, 'OPEN', ?, ?, ?, ?, ?, ?, 'BMS-10.2', -20, -5, 0, 0, ?, ?, ?, ?, 5, 0.5, ?, 1e-6,
                    'Fisher exact vs. sibling batches', ?, ?, ?)
                returning id
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Timestamp at = Timestamp.from(detectedAt);
            s.setString(1, component + "|" + symptom + "|" + batch + "|" + UUID.randomUUID());
            s.setString(2, severity);
            s.setString(3, title);
            s.setString(4, title + ": " + component + " " + symptom + " failures in batch " + batch
                    + " are " + rateRatio + " times the sibling batches' rate.");
            s.setString(5, component);
            s.setString(6, symptom);
            s.setString(7, batch);
            s.setTimestamp(8, at);
            s.setTimestamp(9, at);
            s.setTimestamp(10, at);
            s.setTimestamp(11, at);
            s.setDouble(12, rateRatio);
            if (recallCost == null) {
                s.setNull(13, java.sql.Types.INTEGER);
            } else {
                s.setInt(13, 8000);
            }
            s.setBigDecimal(14, recallCost);
            s.setString(15, recallCost == null ? null : "CNY");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long id = r.getLong(1);
                history(id, detectedAt, "OPEN", "detection");
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lifecycle step; the alert's current status follows the latest step, as the alert service keeps it. */
    void history(long alertId, Instant at, String status, String actor) {
        update("insert into alert_history (alert_id, at, status, actor, note) values (?, ?, ?, ?, 'seeded')",
                alertId, Timestamp.from(at), status, actor);
        update("""
                update alert set status = ?, updated_at = greatest(updated_at + interval '1 microsecond', ?),
                    resolved_at = case when ? = 'RESOLVED' then ? else resolved_at end
                where id = ?""", status, Timestamp.from(at), status, Timestamp.from(at), alertId);
    }

    /** {@code count} member tickets of the alert that reached us at {@code receivedAt}, one unit each. */
    void tickets(long alertId, int count, Instant receivedAt) {
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            update("""
                    with t as (
                        insert into ticket (source, ticket_id, unit_id, component, component_key, symptom_code,
                            symptom_key, occurred_at, content_hash, received_at)
                        select 'seed', ?, ?, a.component, lower(a.component), a.symptom_code, lower(a.symptom_code),
                            ?, repeat('0', 64), ?
                        from alert a where a.id = ?
                        returning id)
                    insert into alert_ticket (alert_id, ticket_id) select ?, id from t""",
                    id, "VIN-" + id, Timestamp.from(receivedAt.minusSeconds(3600)), Timestamp.from(receivedAt),
                    alertId, alertId);
        }
        update("""
                update alert set ticket_count = (select count(*) from alert_ticket where alert_id = ?),
                    unit_count = (select count(*) from alert_ticket where alert_id = ?),
                    updated_at = updated_at + interval '1 microsecond' where id = ?""",
                alertId, alertId, alertId);
    }

    void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

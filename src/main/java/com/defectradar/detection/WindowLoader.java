package com.defectradar.detection;

import com.defectradar.common.Codes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a run looks at: the tickets of the look-back window (only the columns detection needs, keys
 * already normalised, streamed), the registered batches, and the as-sent spelling of codes for alert texts.
 */
@ApplicationScoped
public class WindowLoader {

    private static final String WINDOW = """
            select id, unit_id, component_key, symptom_key, batch_key, firmware_key, lower(btrim(model)),
                   lower(btrim(region)), ambient_temperature_c, production_date,
                   extract(epoch from occurred_at) / 86400.0, mileage_km
            from ticket where occurred_at > ? and occurred_at <= ?
            """;

    private final AgroalDataSource dataSource;

    public WindowLoader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<TicketPoint> tickets(Instant from, Instant to) {
        List<TicketPoint> points = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOW)) {
            query.setFetchSize(10_000);
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Date production = rows.getDate(10);
                    points.add(new TicketPoint(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getString(8), nullableDouble(rows, 9),
                            production == null ? null : (double) production.toLocalDate().toEpochDay(),
                            rows.getDouble(11), nullableDouble(rows, 12)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the detection window failed", e);
        }
        return points;
    }

    public Map<String, BatchInfo> batches() {
        Map<String, BatchInfo> batches = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     select batch_key, batch_id, component_key, units_produced, produced_from, produced_to,
                            unit_recall_cost, currency from production_batch""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                batches.put(rows.getString(1), new BatchInfo(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getInt(4), localDate(rows.getDate(5)), localDate(rows.getDate(6)),
                        rows.getBigDecimal(7), rows.getString(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading production batches failed", e);
        }
        return batches;
    }

    /**
     * The fleet's history beyond the window: units per registered batch and symptom from the batch's production
     * start up to asOf, and units per component and symptom in the baseline period (baselineFrom, baselineTo].
     * Two aggregates served by the ticket indexes, rather than history in memory.
     */
    public FleetHistory fleetHistory(Instant asOf, Instant baselineFrom, Instant baselineTo) {
        Map<String, Map<String, Integer>> batchUnits = new HashMap<>();
        Map<String, Map<String, Integer>> baselineUnits = new HashMap<>();
        Map<String, Integer> baselineTotals = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement batches = connection.prepareStatement("""
                     select t.component_key, t.batch_key, t.symptom_key, count(distinct t.unit_id)
                     from ticket t join production_batch b on b.batch_key = t.batch_key
                     where b.produced_from is not null and t.occurred_at >= b.produced_from and t.occurred_at <= ?
                     group by t.component_key, t.batch_key, t.symptom_key""");
             PreparedStatement baseline = connection.prepareStatement("""
                     select component_key, symptom_key, count(distinct unit_id) from ticket
                     where occurred_at > ? and occurred_at <= ?
                     group by grouping sets ((component_key, symptom_key), (component_key))""")) {
            batches.setTimestamp(1, Timestamp.from(asOf));
            try (ResultSet rows = batches.executeQuery()) {
                while (rows.next()) {
                    batchUnits.computeIfAbsent(FleetHistory.key(rows.getString(1), rows.getString(2)), k -> new HashMap<>())
                            .put(rows.getString(3), rows.getInt(4));
                }
            }
            baseline.setTimestamp(1, Timestamp.from(baselineFrom));
            baseline.setTimestamp(2, Timestamp.from(baselineTo));
            try (ResultSet rows = baseline.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2) == null) {
                        baselineTotals.put(rows.getString(1), rows.getInt(3));
                    } else {
                        baselineUnits.computeIfAbsent(rows.getString(1), k -> new HashMap<>()).put(rows.getString(2), rows.getInt(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the fleet's history failed", e);
        }
        return new FleetHistory(batchUnits, baselineUnits, baselineTotals);
    }

    /** As-sent spellings of a finding's codes, taken from its member tickets. */
    public record Spelling(String component, String symptom, String batch, String firmware) {
    }

    public Spelling spelling(Signature signature, List<Long> memberIds) {
        Cell cell = signature.cell();
        Map<String, String> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     select component, symptom_code, production_batch, firmware_version
                     from ticket where id = any(?) limit 200""")) {
            query.setArray(1, connection.createArrayOf("bigint", memberIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.putIfAbsent("component", rows.getString(1));
                    found.putIfAbsent("symptom", rows.getString(2));
                    remember(found, "batch", rows.getString(3), cell.kind() == Cell.Kind.BATCH ? cell.key() : null);
                    remember(found, "firmware", rows.getString(4),
                            cell.kind() == Cell.Kind.FIRMWARE ? cell.key() : signature.firmware());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading ticket codes failed", e);
        }
        return new Spelling(found.getOrDefault("component", cell.component()),
                found.getOrDefault("symptom", cell.symptom()), found.get("batch"), found.get("firmware"));
    }

    public long maxTicketId() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select coalesce(max(id), 0) from ticket");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the newest ticket failed", e);
        }
    }

    private static void remember(Map<String, String> found, String name, String spelled, String wantedKey) {
        if (wantedKey != null && wantedKey.equals(Codes.key(spelled))) {
            found.putIfAbsent(name, spelled.strip());
        }
    }

    private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}

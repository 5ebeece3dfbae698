package com.defectradar.ticket;

import com.defectradar.common.Codes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stores tickets set-wise: a whole request is one COPY when none of its tickets was stored before, else one
 * INSERT over unnested arrays, so bulk ingest costs a round trip or two per request instead of one per ticket;
 * single tickets reported at the same moment share one INSERT that returns their stored rows ({@link TicketGroups}).
 * The unique (source, ticket_id) constraint decides races between concurrent replays; losers see the
 * winner's row and are answered as duplicates or conflicts.
 *
 * <p>No transaction is needed: each COPY or INSERT is one statement, atomic and committed (autocommit) before the
 * driver returns, so a ticket answered 2xx is stored. Leaving JTA and Hibernate out spares a single ticket a
 * transaction and a second query (docs/benchmarks.md).
 */
@ApplicationScoped
public class TicketWriter {

    private static final String INSERT = """
            insert into ticket (source, ticket_id, unit_id, component, component_key, symptom_code, symptom_key,
                occurred_at, production_batch, batch_key, production_date, firmware_version, firmware_key,
                ambient_temperature_c, model, service_center, region, mileage_km, description, labor_hours,
                parts_cost, currency, content_hash)
            select t.source, t.ticket_id, t.unit_id, t.component, t.component_key, t.symptom_code, t.symptom_key,
                t.occurred_at::timestamptz, t.production_batch, t.batch_key, t.production_date::date,
                t.firmware_version, t.firmware_key, t.ambient_temperature_c::float8, t.model, t.service_center,
                t.region, t.mileage_km::float8, t.description, t.labor_hours::float8, t.parts_cost::numeric,
                t.currency, t.content_hash
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 with ordinality as t(source, ticket_id, unit_id, component, component_key, symptom_code,
                    symptom_key, occurred_at, production_batch, batch_key, production_date, firmware_version,
                    firmware_key, ambient_temperature_c, model, service_center, region, mileage_km, description,
                    labor_hours, parts_cost, currency, content_hash, position)
            order by t.position
            on conflict (source, ticket_id) do nothing
            returning\s""";

    private static final String COPY = """
            copy ticket (source, ticket_id, unit_id, component, component_key, symptom_code, symptom_key, occurred_at,
                production_batch, batch_key, production_date, firmware_version, firmware_key, ambient_temperature_c,
                model, service_center, region, mileage_km, description, labor_hours, parts_cost, currency, content_hash)
            from stdin""";
    private static final String UNIQUE_VIOLATION = "23505";

    /** The columns of {@link TicketView}, in its order. */
    private static final String VIEW_COLUMNS = """
            id, source, ticket_id, unit_id, component, symptom_code, occurred_at, production_batch, production_date,
            firmware_version, ambient_temperature_c, model, service_center, region, mileage_km, description,
            labor_hours, parts_cost, currency, received_at""";

    /** Stored tickets by key, with what a replay is compared by. */
    private static final String EXISTING = "select " + VIEW_COLUMNS + """
            , content_hash from ticket
            where (source, ticket_id) in (select * from unnest(?::text[], ?::text[]))
            """;

    private static final List<Function<TicketInput, Object>> COLUMNS = List.of(
            TicketInput::source, TicketInput::ticketId, TicketInput::unitId,
            TicketInput::component, t -> Codes.key(t.component()),
            TicketInput::symptomCode, t -> Codes.key(t.symptomCode()),
            TicketInput::occurredAt,
            TicketInput::productionBatch, t -> Codes.key(t.productionBatch()),
            TicketInput::productionDate,
            TicketInput::firmwareVersion, t -> Codes.key(t.firmwareVersion()),
            TicketInput::ambientTemperatureC, TicketInput::model, TicketInput::serviceCenter, TicketInput::region,
            TicketInput::mileageKm, TicketInput::description, TicketInput::laborHours,
            t -> t.partsCost() == null ? null : t.partsCost().toPlainString(), TicketInput::currency,
            TicketInput::contentHash);

    private final AgroalDataSource dataSource;

    public TicketWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores tickets whose keys are distinct; answers each one's outcome by key. */
    public Map<TicketInput.TicketKey, IngestOutcome> store(List<TicketInput> tickets) {
        Map<TicketInput.TicketKey, IngestOutcome> outcomes = new HashMap<>();
        if (tickets.isEmpty()) {
            return outcomes;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (copyAllNew(connection, tickets)) {
                tickets.forEach(ticket -> outcomes.put(ticket.key(), IngestOutcome.CREATED));
                return outcomes;
            }
            insertNew(connection, tickets, outcomes);
            if (outcomes.size() < tickets.size()) {
                classifyExisting(connection, tickets, outcomes);
            }
        } catch (SQLException e) {
            throw new TicketStoreException(e);
        }
        return outcomes;
    }

    /**
     * Stores single tickets in one INSERT and answers each with its outcome and stored row, in order: one round
     * trip when all are new. A key twice in the group: the first is stored, the others are its replays.
     */
    public List<TicketService.SingleResult> storeGroup(List<TicketInput> tickets) {
        try (Connection connection = dataSource.getConnection()) {
            Map<TicketInput.TicketKey, TicketView> created = new HashMap<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT + VIEW_COLUMNS)) {
                bindColumns(insert, tickets);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        TicketView stored = view(rows);
                        created.put(new TicketInput.TicketKey(stored.source(), stored.ticketId()), stored);
                    }
                }
            }
            List<TicketInput> notCreated = tickets.stream().filter(t -> !created.containsKey(t.key())).toList();
            Map<TicketInput.TicketKey, StoredRow> existing = notCreated.isEmpty() ? Map.of() : existing(connection, notCreated);
            Map<TicketInput.TicketKey, TicketInput> firsts = new HashMap<>();
            List<TicketService.SingleResult> results = new ArrayList<>(tickets.size());
            for (TicketInput ticket : tickets) {
                TicketInput first = firsts.putIfAbsent(ticket.key(), ticket);
                TicketView fresh = created.get(ticket.key());
                if (fresh != null && first == null) {
                    results.add(new TicketService.SingleResult(IngestOutcome.CREATED, fresh));
                } else if (fresh != null) {
                    results.add(replay(ticket, first.contentHash(), fresh));
                } else {
                    StoredRow stored = existing.get(ticket.key());
                    results.add(replay(ticket, stored.contentHash(), stored.view()));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new TicketStoreException(e);
        }
    }

    private static TicketService.SingleResult replay(TicketInput ticket, String storedHash, TicketView stored) {
        return new TicketService.SingleResult(replayOutcome(ticket, storedHash), stored);
    }

    /** A ticket whose key is stored already: a shop's retry when its content is the stored content. */
    private static IngestOutcome replayOutcome(TicketInput ticket, String storedHash) {
        return ticket.contentHash().equals(storedHash) ? IngestOutcome.DUPLICATE : IngestOutcome.CONFLICT;
    }

    private record StoredRow(TicketView view, String contentHash) {
    }

    /**
     * The rows of tickets whose INSERT did nothing. ON CONFLICT skipped them because a committed row has their
     * key (a concurrent insert of the same key is waited for), so each has one.
     */
    private static Map<TicketInput.TicketKey, StoredRow> existing(Connection connection, List<TicketInput> tickets)
            throws SQLException {
        Map<TicketInput.TicketKey, StoredRow> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(EXISTING)) {
            select.setObject(1, textArray(tickets, TicketInput::source));
            select.setObject(2, textArray(tickets, TicketInput::ticketId));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    TicketView view = view(row);
                    rows.put(new TicketInput.TicketKey(view.source(), view.ticketId()),
                            new StoredRow(view, row.getString("content_hash")));
                }
            }
        }
        return rows;
    }

    private static TicketView view(ResultSet row) throws SQLException {
        Date production = row.getDate("production_date");
        return new TicketView(row.getLong("id"), row.getString("source"), row.getString("ticket_id"),
                row.getString("unit_id"), row.getString("component"), row.getString("symptom_code"),
                row.getTimestamp("occurred_at").toInstant(), row.getString("production_batch"),
                production == null ? null : production.toLocalDate(), row.getString("firmware_version"),
                row.getObject("ambient_temperature_c", Double.class), row.getString("model"),
                row.getString("service_center"), row.getString("region"), row.getObject("mileage_km", Double.class),
                row.getString("description"), row.getObject("labor_hours", Double.class),
                row.getBigDecimal("parts_cost"), row.getString("currency"), row.getTimestamp("received_at").toInstant());
    }

    /**
     * The usual upload, of tickets never sent before: COPY, PostgreSQL's fastest way in. COPY cannot skip rows
     * that exist, so one stored ticket (or a concurrent upload of the same ones) fails it whole with a unique
     * violation, nothing stored, and the caller goes on with the INSERT that tells each ticket's outcome. Only
     * in autocommit: in a caller's transaction the failed COPY would abort that transaction.
     */
    private static boolean copyAllNew(Connection connection, List<TicketInput> tickets) throws SQLException {
        if (!connection.getAutoCommit()) {
            return false;
        }
        StringBuilder rows = new StringBuilder(tickets.size() * 512);
        for (TicketInput ticket : tickets) {
            for (int column = 0; column < COLUMNS.size(); column++) {
                rows.append(column == 0 ? "" : "\t");
                copyText(rows, COLUMNS.get(column).apply(ticket));
            }
            rows.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw new SQLException("Copying tickets failed", e);
        }
    }

    /** A value in COPY's text format: \\N for null, backslash escapes for the characters that delimit. */
    private static void copyText(StringBuilder rows, Object value) {
        if (value == null) {
            rows.append("\\N");
            return;
        }
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                rows.append(text, 0, i);
                escape(rows, text.substring(i));
                return;
            }
        }
        rows.append(text);
    }

    private static void escape(StringBuilder rows, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    private static void insertNew(Connection connection, List<TicketInput> tickets,
                                  Map<TicketInput.TicketKey, IngestOutcome> outcomes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT + "source, ticket_id")) {
            bindColumns(insert, tickets);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    outcomes.put(new TicketInput.TicketKey(rows.getString(1), rows.getString(2)),
                            IngestOutcome.CREATED);
                }
            }
        }
    }

    private static void classifyExisting(Connection connection, List<TicketInput> tickets,
                                         Map<TicketInput.TicketKey, IngestOutcome> outcomes) throws SQLException {
        List<TicketInput> notCreated = tickets.stream().filter(t -> !outcomes.containsKey(t.key())).toList();
        Map<TicketInput.TicketKey, StoredRow> stored = existing(connection, notCreated);
        for (TicketInput ticket : notCreated) {
            outcomes.put(ticket.key(), replayOutcome(ticket, stored.get(ticket.key()).contentHash()));
        }
    }

    private static void bindColumns(PreparedStatement insert, List<TicketInput> tickets) throws SQLException {
        for (int column = 0; column < COLUMNS.size(); column++) {
            insert.setObject(column + 1, textArray(tickets, COLUMNS.get(column)));
        }
    }

    /**
     * A column as a String[]: the driver sends it as a binary text[] (lengths and bytes), which costs both sides
     * less than the quoted literal of {@code createArrayOf} (a fifth of the service's CPU in bulk ingest).
     */
    private static String[] textArray(List<TicketInput> tickets, Function<TicketInput, Object> column) {
        String[] values = new String[tickets.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = column.apply(tickets.get(i));
            values[i] = value == null ? null : value.toString();
        }
        return values;
    }

    /** A database failure while storing tickets; nothing of the request was acknowledged. */
    public static final class TicketStoreException extends RuntimeException {
        TicketStoreException(SQLException cause) {
            super("Storing tickets failed", cause);
        }
    }
}

package com.defectradar.ticket;

import com.defectradar.common.Codes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stores tickets set-wise: one INSERT over unnested arrays for a whole request, so bulk ingest costs a
 * round trip per request instead of per ticket. The unique (source, ticket_id) constraint decides races
 * between concurrent replays; losers see the winner's row and are answered as duplicates or conflicts.
 * Runs inside the caller's transaction.
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
            returning id, source, ticket_id
            """;

    private static final String EXISTING = """
            select t.id, t.source, t.ticket_id, t.content_hash
            from ticket t join unnest(?::text[], ?::text[]) as k(source, ticket_id)
              on t.source = k.source and t.ticket_id = k.ticket_id
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
            insertNew(connection, tickets, outcomes);
            if (outcomes.size() < tickets.size()) {
                classifyExisting(connection, tickets, outcomes);
            }
        } catch (SQLException e) {
            throw new TicketStoreException(e);
        }
        return outcomes;
    }

    private static void insertNew(Connection connection, List<TicketInput> tickets,
                                  Map<TicketInput.TicketKey, IngestOutcome> outcomes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int column = 0; column < COLUMNS.size(); column++) {
                insert.setArray(column + 1, textArray(connection, tickets, COLUMNS.get(column)));
            }
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    outcomes.put(new TicketInput.TicketKey(rows.getString(2), rows.getString(3)),
                            new IngestOutcome.Created(rows.getLong(1)));
                }
            }
        }
    }

    private static void classifyExisting(Connection connection, List<TicketInput> tickets,
                                         Map<TicketInput.TicketKey, IngestOutcome> outcomes) throws SQLException {
        List<TicketInput> stored = tickets.stream().filter(t -> !outcomes.containsKey(t.key())).toList();
        Map<TicketInput.TicketKey, String> hashes = new HashMap<>();
        stored.forEach(t -> hashes.put(t.key(), t.contentHash()));
        try (PreparedStatement select = connection.prepareStatement(EXISTING)) {
            select.setArray(1, textArray(connection, stored, TicketInput::source));
            select.setArray(2, textArray(connection, stored, TicketInput::ticketId));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    TicketInput.TicketKey key = new TicketInput.TicketKey(rows.getString(2), rows.getString(3));
                    long id = rows.getLong(1);
                    outcomes.put(key, Objects.equals(hashes.get(key), rows.getString(4))
                            ? new IngestOutcome.Duplicate(id) : new IngestOutcome.Conflict(id));
                }
            }
        }
    }

    private static Array textArray(Connection connection, List<TicketInput> tickets,
                                   Function<TicketInput, Object> column) throws SQLException {
        Object[] values = new Object[tickets.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = column.apply(tickets.get(i));
            values[i] = value == null ? null : value.toString();
        }
        return connection.createArrayOf("text", values);
    }

    /** A database failure while storing tickets; nothing of the request was acknowledged. */
    public static final class TicketStoreException extends RuntimeException {
        TicketStoreException(SQLException cause) {
            super("Storing tickets failed", cause);
        }
    }
}

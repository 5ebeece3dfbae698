package com.defectradar.ticket;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Single tickets stored as one group: each answered as if it had been stored alone, in order. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TicketWriterTest {

    @Inject
    TicketWriter writer;

    @Inject
    TicketGroups groups;

    @Inject
    AgroalDataSource dataSource;

    private static TicketInput ticket(String source, String ticketId, String description) {
        return new TicketInput(source, ticketId, "VIN-" + ticketId, "battery", "RANGE_DROP",
                Instant.parse("2026-01-07T06:24:00Z"), "BAT-1", LocalDate.parse("2025-12-01"), "BMS-10.2", -14.5,
                "EV-S", "beijing-1", "CN-BJ", 8200.0, description, 1.5, new BigDecimal("12.50"), "CNY");
    }

    @Test
    void aGroupAnswersEachTicketAsIfStoredAlone() {
        String source = Tickets.uniqueSource();
        TicketService.SingleResult before = writer.storeGroup(List.of(ticket(source, "B", "first"))).getFirst();
        assertEquals(IngestOutcome.CREATED, before.outcome());

        List<TicketService.SingleResult> results = writer.storeGroup(List.of(
                ticket(source, "A", "first"),
                ticket(source, "A", "first"),     // the same ticket twice in one group: a replay
                ticket(source, "A", "changed"),   // same key, other content
                ticket(source, "B", "first"),     // stored by an earlier group
                ticket(source, "B", "changed"),
                ticket(source, "C", "first")));

        assertEquals(List.of(IngestOutcome.CREATED, IngestOutcome.DUPLICATE, IngestOutcome.CONFLICT,
                        IngestOutcome.DUPLICATE, IngestOutcome.CONFLICT, IngestOutcome.CREATED),
                results.stream().map(TicketService.SingleResult::outcome).toList());
        long a = results.getFirst().ticket().id();
        // every answer carries the stored row, never the refused content
        assertEquals(List.of(a, a, a, before.ticket().id(), before.ticket().id()),
                results.subList(0, 5).stream().map(r -> r.ticket().id()).toList());
        assertEquals("first", results.get(2).ticket().description());
        assertEquals("first", results.get(4).ticket().description());
        assertNotEquals(a, results.get(5).ticket().id());
        assertEquals(new BigDecimal("12.50"), results.get(5).ticket().partsCost().setScale(2));
        assertEquals(-14.5, results.get(5).ticket().ambientTemperatureC());
    }

    @Test
    void aTicketTheDatabaseRefusesCostsTheOthersInItsGroupNothing() throws Exception {
        String source = Tickets.uniqueSource();
        CompletableFuture<TicketService.SingleResult> blocked;
        CompletableFuture<TicketService.SingleResult> refused;
        CompletableFuture<TicketService.SingleResult> fine;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // an uncommitted row with the key of the first ticket holds the writer in its INSERT, so the next two
            // tickets queue up and go in as one group once it lets go
            try (PreparedStatement hold = connection.prepareStatement("""
                    insert into ticket (source, ticket_id, unit_id, component, component_key, symptom_code,
                        symptom_key, occurred_at, content_hash)
                    values (?, 'HELD', 'VIN-HELD', 'battery', 'battery', 'RANGE_DROP', 'range_drop', now(), ?)""")) {
                hold.setString(1, source);
                hold.setString(2, ticket(source, "HELD", "first").contentHash());
                hold.executeUpdate();
            }
            blocked = groups.store(ticket(source, "HELD", "first")).toCompletableFuture();
            Thread.sleep(200);
            // longer than the column: only the database can refuse it (the API's parser would, first)
            refused = groups.store(ticket(source, "X".repeat(200), "first")).toCompletableFuture();
            fine = groups.store(ticket(source, "FINE", "first")).toCompletableFuture();
            Thread.sleep(200);
            assertFalse(blocked.isDone());
            connection.commit();
        }
        assertEquals(IngestOutcome.DUPLICATE, blocked.get(10, TimeUnit.SECONDS).outcome());
        assertEquals(IngestOutcome.CREATED, fine.get(10, TimeUnit.SECONDS).outcome());
        ExecutionException failure = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertEquals("22001", ((SQLException) failure.getCause().getCause()).getSQLState());
    }
}

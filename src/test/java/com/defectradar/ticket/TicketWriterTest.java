package com.defectradar.ticket;

import com.defectradar.support.EmbeddedPostgresResource;
import com.defectradar.support.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Single tickets stored as one group: each answered as if it had been stored alone, in order. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TicketWriterTest {

    @Inject
    TicketWriter writer;

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
}

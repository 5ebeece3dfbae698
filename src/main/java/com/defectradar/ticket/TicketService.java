package com.defectradar.ticket;

import com.defectradar.common.Codes;
import com.defectradar.common.Cursors;
import com.defectradar.web.FieldError;
import com.defectradar.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Ingests and reads repair tickets. A ticket answered 2xx is committed before the answer leaves. */
@ApplicationScoped
public class TicketService {

    static final String CONFLICT_MESSAGE = "was already stored with different content for this source";

    private final TicketWriter writer;
    private final TicketGroups groups;

    public TicketService(TicketWriter writer, TicketGroups groups) {
        this.writer = writer;
        this.groups = groups;
    }

    /** One ticket: its outcome and the stored ticket. */
    public record SingleResult(IngestOutcome outcome, TicketView ticket) {
    }

    /** Completes once the ticket is committed (or was stored before); a changed replay fails with 409. */
    public CompletionStage<SingleResult> ingest(TicketInput ticket) {
        return groups.store(ticket).thenApply(stored -> {
            if (stored.outcome() == IngestOutcome.CONFLICT) {
                throw ProblemException.conflict("Ticket '" + ticket.ticketId() + "' from source '" + ticket.source()
                        + "' " + CONFLICT_MESSAGE + "; a changed ticket needs a new ticketId.");
            }
            return stored;
        });
    }

    /**
     * Stores every valid ticket of a bulk upload, in order; invalid ones (and changed replays) are reported
     * by their position and the rest are stored all the same.
     */
    public BatchIngestResult ingest(List<TicketParser.Result> items) {
        List<BatchIngestResult.Rejected> rejected = new ArrayList<>();
        Map<TicketInput.TicketKey, TicketInput> firstByKey = new HashMap<>();
        List<TicketInput> distinct = new ArrayList<>();
        for (TicketParser.Result item : items) {
            if (item instanceof TicketParser.Valid(TicketInput ticket) && firstByKey.putIfAbsent(ticket.key(), ticket) == null) {
                distinct.add(ticket);
            }
        }
        Map<TicketInput.TicketKey, IngestOutcome> stored = writer.store(distinct);
        int created = 0;
        int duplicates = 0;
        for (int index = 0; index < items.size(); index++) {
            switch (items.get(index)) {
                case TicketParser.Invalid(String ticketId, List<FieldError> errors) ->
                        rejected.add(new BatchIngestResult.Rejected(index, ticketId, errors));
                case TicketParser.Valid(TicketInput ticket) -> {
                    TicketInput first = firstByKey.get(ticket.key());
                    IngestOutcome outcome = stored.get(ticket.key());
                    boolean sameAsFirst = first == ticket || first.contentHash().equals(ticket.contentHash());
                    if (first == ticket && outcome == IngestOutcome.CREATED) {
                        created++;
                    } else if (sameAsFirst && outcome != IngestOutcome.CONFLICT) {
                        duplicates++;
                    } else {
                        rejected.add(new BatchIngestResult.Rejected(index, ticket.ticketId(),
                                List.of(new FieldError("[" + index + "].ticketId", CONFLICT_MESSAGE))));
                    }
                }
            }
        }
        return new BatchIngestResult(items.size(), created, duplicates, rejected);
    }

    public TicketView get(long id) {
        Ticket ticket = Ticket.findById(id);
        if (ticket == null) {
            throw ProblemException.notFound("No ticket with id " + id + ".");
        }
        return TicketView.of(ticket);
    }

    /** Filters of a ticket listing; null means "any". */
    public record TicketQuery(String productionBatch, String component, String symptomCode, Instant from,
                              Instant to, String source) {
    }

    /** Tickets in storage order, a page at a time; the cursor is the last id seen, so inserts never shift pages. */
    public TicketPage list(TicketQuery query, int limit, String cursor) {
        StringBuilder where = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after",
                cursor == null ? 0L : parseId(Cursors.decode("ticket", cursor, 1).getFirst()));
        addCondition(where, parameters, "batchKey", Codes.key(query.productionBatch()));
        addCondition(where, parameters, "componentKey", Codes.key(query.component()));
        addCondition(where, parameters, "symptomKey", Codes.key(query.symptomCode()));
        addCondition(where, parameters, "source", query.source());
        if (query.from() != null) {
            where.append(" and occurredAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and occurredAt <= :to");
            parameters.and("to", query.to());
        }
        return page(Ticket.<Ticket>find(where + " order by id", parameters).page(0, limit + 1).list(), limit);
    }

    /** The member tickets of an alert, in storage order. */
    public TicketPage listForAlert(long alertId, int limit, String cursor) {
        long after = cursor == null ? 0L : parseId(Cursors.decode("ticket", cursor, 1).getFirst());
        List<Ticket> rows = Ticket.<Ticket>find(
                        "id > ?1 and id in (select a.ticketId from AlertTicket a where a.alertId = ?2) order by id",
                        after, alertId)
                .page(0, limit + 1).list();
        return page(rows, limit);
    }

    private static TicketPage page(List<Ticket> rows, int limit) {
        List<TicketView> items = rows.stream().limit(limit).map(TicketView::of).toList();
        String next = rows.size() > limit ? Cursors.encode("ticket", items.getLast().id()) : null;
        return new TicketPage(items, next);
    }

    private static void addCondition(StringBuilder where, Parameters parameters, String field, String value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
        }
    }
}

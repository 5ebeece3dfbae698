package com.defectradar.alert;

import com.defectradar.common.Codes;
import com.defectradar.common.Cursors;
import com.defectradar.ticket.TicketPage;
import com.defectradar.ticket.TicketService;
import com.defectradar.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads alerts for engineering. */
@ApplicationScoped
public class AlertService {

    static final Set<AlertStatus> DEFAULT_STATUSES = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);

    private final TicketService tickets;

    public AlertService(TicketService tickets) {
        this.tickets = tickets;
    }

    public record AlertQuery(Set<AlertStatus> statuses, String component, String productionBatch, Instant updatedSince) {
    }

    /** Newest change first; the cursor is the (updatedAt, id) of the last alert shown. */
    public AlertPage list(AlertQuery query, int limit, String cursor) {
        StringBuilder where = new StringBuilder("status in :statuses");
        Parameters parameters = Parameters.with("statuses", query.statuses());
        if (query.component() != null) {
            where.append(" and lower(trim(component)) = :component");
            parameters.and("component", Codes.key(query.component()));
        }
        if (query.productionBatch() != null) {
            where.append(" and lower(trim(productionBatch)) = :batch");
            parameters.and("batch", Codes.key(query.productionBatch()));
        }
        if (query.updatedSince() != null) {
            where.append(" and updatedAt > :since");
            parameters.and("since", query.updatedSince());
        }
        if (cursor != null) {
            List<String> position = Cursors.decode("alert", cursor, 2);
            where.append(" and (updatedAt < :cursorAt or (updatedAt = :cursorAt and id < :cursorId))");
            try {
                parameters.and("cursorAt", Instant.parse(position.get(0))).and("cursorId", Long.parseLong(position.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
            }
        }
        List<Alert> rows = Alert.<Alert>find(where + " order by updatedAt desc, id desc", parameters)
                .page(0, limit + 1).list();
        List<AlertView> items = rows.stream().limit(limit).map(a -> AlertView.of(a, AlertHistory.of(a.id))).toList();
        String next = rows.size() > limit
                ? Cursors.encode("alert", items.getLast().updatedAt(), items.getLast().id()) : null;
        return new AlertPage(items, next);
    }

    public AlertView get(long id) {
        return AlertView.of(find(id), AlertHistory.of(id));
    }

    public TicketPage tickets(long id, int limit, String cursor) {
        find(id);
        return tickets.listForAlert(id, limit, cursor);
    }

    static Alert find(long id) {
        Alert alert = Alert.findById(id);
        if (alert == null) {
            throw ProblemException.notFound("No alert with id " + id + ".");
        }
        return alert;
    }

    public static Set<AlertStatus> statuses(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_STATUSES;
        }
        List<AlertStatus> statuses = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                statuses.add(AlertStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be a comma-separated list of OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED");
            }
        }
        return EnumSet.copyOf(statuses);
    }
}

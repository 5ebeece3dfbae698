package com.defectradar.alert;

import com.defectradar.common.Codes;
import com.defectradar.common.Cursors;
import com.defectradar.common.Sha256;
import com.defectradar.common.SqlValues;
import com.defectradar.ticket.TicketPage;
import com.defectradar.ticket.TicketService;
import com.defectradar.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads alerts for engineering.
 *
 * <p>The list is ordered by (updatedAt desc, id desc) and paged by keyset. Because alert changes commit in
 * updatedAt order (see {@link AlertClock}), a traversal shows every alert that did not change meanwhile exactly
 * once; an alert that changes meanwhile moves in front of the first page, so it is shown at most once (in its
 * old state, if its page came first) and the follow-up poll {@code updatedSince=snapshotAt} returns it.
 */
@ApplicationScoped
public class AlertService {

    static final Set<AlertStatus> DEFAULT_STATUSES = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);
    private static final String CURSOR_KIND = "alert";
    /** Changes when the list's JSON shape changes, so that no client keeps a stale body on a 304. */
    private static final String REPRESENTATION = "alert-list-v1";

    private final TicketService tickets;
    private final AlertListVersions versions;

    public AlertService(TicketService tickets, AlertListVersions versions) {
        this.tickets = tickets;
        this.versions = versions;
    }

    public record AlertQuery(Set<AlertStatus> statuses, String component, String productionBatch, Instant updatedSince) {
    }

    /** A list request as a whole: the page's ETag depends on every part of it. */
    public record ListRequest(AlertQuery query, int limit, String cursor) {
    }

    /** The state of the filtered alerts, read from an index: the page's ETag and the traversal's snapshot. */
    public record ListVersion(String etag, Instant snapshotAt) {
    }

    /** Where a page starts: after (updatedAt, id) of the last alert shown, in the traversal begun at snapshotAt. */
    private record Position(Instant snapshotAt, Instant updatedAt, long id) {

        String encode() {
            return Cursors.encode(CURSOR_KIND, snapshotAt == null ? "-" : snapshotAt, updatedAt, id);
        }

        static Position decode(String cursor) {
            List<String> values = Cursors.decode(CURSOR_KIND, cursor, 3);
            try {
                Instant snapshot = values.get(0).equals("-") ? null : Instant.parse(values.get(0));
                return new Position(snapshot, Instant.parse(values.get(1)), Long.parseLong(values.get(2)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
            }
        }
    }

    /** The WHERE clause of a query, with positional parameters. */
    private record Filter(String sql, List<Object> parameters) {

        static Filter of(AlertQuery query) {
            StringBuilder sql = new StringBuilder("status = any(cast(?1 as varchar[]))");
            List<Object> parameters = new ArrayList<>();
            parameters.add(query.statuses().stream().map(Enum::name).sorted().toArray(String[]::new));
            if (query.component() != null) {
                parameters.add(Codes.key(query.component()));
                sql.append(" and component_key = ?").append(parameters.size());
            }
            if (query.productionBatch() != null) {
                parameters.add(Codes.key(query.productionBatch()));
                sql.append(" and batch_key = ?").append(parameters.size());
            }
            if (query.updatedSince() != null) {
                parameters.add(query.updatedSince());
                sql.append(" and updated_at > ?").append(parameters.size());
            }
            return new Filter(sql.toString(), parameters);
        }

        Filter after(Position position) {
            List<Object> more = new ArrayList<>(parameters);
            more.add(position.updatedAt());
            more.add(position.id());
            return new Filter(sql + " and (updated_at, id) < (?" + (more.size() - 1) + ", ?" + more.size() + ")", more);
        }

        Query bind(Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query;
        }
    }

    /**
     * count(*) and max(updated_at) of the filtered alerts, one aggregate that an index answers alone. Every change
     * moves max(updated_at) (a change inside the filter) or count (an alert leaving it), so equal values mean an
     * equal list. Read before the page: if a change commits in between, the page is newer than its ETag and the
     * next poll answers 200, never a 304 that hides the change. Kept in memory until an alert changes.
     */
    public ListVersion version(ListRequest request) {
        return versions.get(request, () -> readVersion(request));
    }

    private static ListVersion readVersion(ListRequest request) {
        Position position = request.cursor() == null ? null : Position.decode(request.cursor());
        Filter filter = Filter.of(request.query());
        Object[] row = (Object[]) filter.bind(Panache.getEntityManager().createNativeQuery(
                "select count(*), max(updated_at) from alert where " + filter.sql())).getSingleResult();
        long count = ((Number) row[0]).longValue();
        Instant newest = SqlValues.instant(row[1]);
        AlertQuery query = request.query();
        String etag = digest(REPRESENTATION, query.statuses().stream().map(Enum::name).sorted().toList(),
                Codes.key(query.component()), Codes.key(query.productionBatch()), query.updatedSince(),
                request.limit(), request.cursor(), count, newest);
        return new ListVersion(etag, position != null ? position.snapshotAt() : newest);
    }

    public AlertPage page(ListRequest request, ListVersion version) {
        Filter filter = Filter.of(request.query());
        if (request.cursor() != null) {
            filter = filter.after(Position.decode(request.cursor()));
        }
        @SuppressWarnings("unchecked")
        List<Alert> rows = filter.bind(Panache.getEntityManager().createNativeQuery(
                        "select * from alert where " + filter.sql() + " order by updated_at desc, id desc limit "
                                + (request.limit() + 1), Alert.class))
                .getResultList();
        List<Alert> shown = rows.subList(0, Math.min(rows.size(), request.limit()));
        Map<Long, List<AlertHistory>> histories = AlertHistory.of(shown.stream().map(a -> a.id).toList());
        List<AlertView> items = shown.stream().map(a -> AlertView.of(a, histories.getOrDefault(a.id, List.of()))).toList();
        String next = rows.size() > request.limit()
                ? new Position(version.snapshotAt(), shown.getLast().updatedAt, shown.getLast().id).encode() : null;
        return new AlertPage(items, next, version.snapshotAt());
    }

    /** A page without conditional-request handling, for callers inside the service. */
    public AlertPage list(AlertQuery query, int limit, String cursor) {
        ListRequest request = new ListRequest(query, limit, cursor);
        return page(request, version(request));
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

    private static String digest(Object... parts) {
        byte[] hash = Sha256.of(Arrays.deepToString(parts));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18));
    }
}

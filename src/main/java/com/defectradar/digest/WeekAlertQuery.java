package com.defectradar.digest;

import com.defectradar.common.SqlValues;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads what a digest needs about a week in one query, read-only, from the alert tables (the digest never
 * writes them). Only alerts that can appear are read: open or acknowledged at the week's end, or resolved
 * during the week.
 *
 * <p>"Last week's ticket count" is derived, not stored: an alert's member tickets that were received before
 * the week began. Received, not occurred, because that is when the alert could first count them; a ticket that
 * occurred long ago but reached us this week did make the alert grow this week. No snapshot table is needed,
 * and a missed week can still be reported correctly later.
 */
@ApplicationScoped
public class WeekAlertQuery {

    private static final String SQL = """
            with last_change as (
                select distinct on (h.alert_id) h.alert_id, h.status, h.at
                from alert_history h
                where h.at < :end
                order by h.alert_id, h.at desc, h.id desc),
            at_end as (
                select a.*,
                       coalesce(c.status, a.status) as status_at_end,
                       coalesce(c.at, case when a.status = 'RESOLVED' then a.resolved_at end, a.detected_at) as since
                from alert a left join last_change c on c.alert_id = a.id
                where a.detected_at < :end)
            select e.id, e.severity, e.title, e.summary, e.component, e.symptom_code, e.production_batch,
                   e.firmware_version, e.temperature_min, e.temperature_max, e.production_from, e.production_to,
                   e.detected_at, e.rate_ratio, e.estimated_recall_cost, e.currency, e.status_at_end, e.since,
                   m.at_start, m.at_end, m.units_at_end
            from at_end e
            cross join lateral (
                select count(*) filter (where t.received_at < :start) as at_start,
                       count(*) filter (where t.received_at < :end) as at_end,
                       count(distinct t.unit_id) filter (where t.received_at < :end) as units_at_end
                from alert_ticket x join ticket t on t.id = x.ticket_id
                where x.alert_id = e.id) m
            where e.status_at_end in ('OPEN', 'ACKNOWLEDGED')
               or (e.status_at_end = 'RESOLVED' and e.since >= :start)
            order by e.id
            """;

    public List<WeekAlert> of(DigestWeek week) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(SQL)
                .setParameter("start", week.start())
                .setParameter("end", week.end())
                .getResultList();
        return rows.stream().map(WeekAlertQuery::alert).toList();
    }

    private static WeekAlert alert(Object[] r) {
        return new WeekAlert(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], number(r[8]), number(r[9]), date(r[10]), date(r[11]),
                SqlValues.instant(r[12]), ((Number) r[13]).doubleValue(), (BigDecimal) r[14], (String) r[15],
                (String) r[16], SqlValues.instant(r[17]), ((Number) r[18]).intValue(), ((Number) r[19]).intValue(),
                ((Number) r[20]).intValue());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static LocalDate date(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate date -> date;
            case Date date -> date.toLocalDate();
            default -> throw new IllegalArgumentException("Not a date: " + value.getClass());
        };
    }
}

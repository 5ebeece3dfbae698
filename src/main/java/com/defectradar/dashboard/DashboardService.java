package com.defectradar.dashboard;

import com.defectradar.alert.AlertPage;
import com.defectradar.alert.AlertService;
import com.defectradar.alert.AlertStatus;
import com.defectradar.alert.AlertView;
import com.defectradar.alert.Severity;
import com.defectradar.demo.DemoStatus;
import com.defectradar.ticket.TicketPage;
import com.defectradar.ticket.TicketService;
import com.defectradar.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads alerts and tickets through their services and turns them into the dashboard's views: the ranked
 * open alerts, and one alert's evidence with its charts. Reads only; transitions go through the API from
 * the browser, with the user's key.
 */
@ApplicationScoped
public class DashboardService {

    /** Enough for any dashboard: more open alerts than this is a problem no list solves. */
    static final int MAX_ALERTS = 2000;
    /** Members and cell tickets read for one alert page; the table shows fewer. */
    static final int MAX_TICKETS = 5000;
    static final int MEMBERS_SHOWN = 200;
    static final int MAX_WEEKS = 52;

    private final AlertService alerts;
    private final TicketService tickets;
    private final DemoStatus demo;

    public DashboardService(AlertService alerts, TicketService tickets, DemoStatus demo) {
        this.alerts = alerts;
        this.tickets = tickets;
        this.demo = demo;
    }

    Views.AlertList openAlerts() {
        List<AlertView> open = new ArrayList<>();
        AlertService.AlertQuery query = new AlertService.AlertQuery(EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED),
                null, null, null);
        String cursor = null;
        do {
            AlertPage page = alerts.list(query, 500, cursor);
            open.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && open.size() < MAX_ALERTS);
        open.sort(AlertRanking.ALERTS);
        List<Views.AlertRow> rows = open.stream().map(a -> new Views.AlertRow(a.id(), a.severity().name(),
                a.status().name(), a.title(), a.summary(), a.unitCount(), Words.ratio(a.statistics().rateRatio()),
                a.exposure() == null ? "—" : Words.money(a.exposure().estimatedRecallCost(), a.exposure().currency()),
                Words.day(a.lastOccurredAt()), Words.minute(a.updatedAt()))).toList();
        List<Views.SeverityCount> bySeverity = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            bySeverity.add(new Views.SeverityCount(severity.name(), open.stream().filter(a -> a.severity() == severity).count()));
        }
        return new Views.AlertList(rows, bySeverity, demoBanner(), Words.minute(Instant.now()));
    }

    private String demoBanner() {
        DemoStatus.Snapshot s = demo.snapshot();
        return switch (s.phase()) {
            case OFF -> null;
            case LOADING_HISTORY -> "Demo: loading the fleet's history…";
            case STREAMING -> "Demo: simulated day " + Words.day(s.day()) + " (" + s.dayNumber() + " of " + s.days() + "), "
                    + Words.count(s.ticketsSent()) + " tickets so far"
                    + (s.firstAlertOn() == null ? "; the battery case begins in early January." : "; first alert on " + Words.day(s.firstAlertOn()) + ".");
            case FINISHED -> "Demo finished: " + Words.count(s.ticketsSent()) + " tickets, " + s.alertsOpened() + " alert(s) opened.";
            case FAILED -> "Demo stopped with an error; see the service log.";
        };
    }

    Views.AlertPage alert(long id, String level) {
        AlertView a = alerts.get(id);
        List<TicketView> members = members(id);
        AlertView.Signature sig = a.signature();
        String where = sig.productionBatch() != null ? "from " + sig.component() + " batch " + sig.productionBatch()
                : "on " + sig.component() + " firmware " + sig.firmwareVersion();

        Integer window = Words.windowDays(a.statistics().method());
        Double expectedPerWeek = window == null ? null : a.statistics().expected() / window * 7;
        Weekly weekly = weekly(a, members);
        String weeklyChart = Charts.weekly("weekly-chart", "Tickets per week: the pattern against the expected count",
                weekly.weeks(), expectedPerWeek);
        String weeklyCaption = "Red: the pattern's tickets per week" + (sig.productionBatch() != null
                ? "; grey: other " + sig.symptomCode() + " tickets of batch " + sig.productionBatch() : "")
                + (expectedPerWeek == null ? "." : "; dashed: units expected per week at the fleet's rate ("
                + Words.decimal(a.statistics().expected()) + " over the " + window + "-day window).");

        return new Views.AlertPage(a.id(), a.severity().name(), a.status().name(), a.title(), a.summary(), facts(a),
                Words.statistics(a.statistics().observed(), a.statistics().expected(), a.statistics().rateRatio(),
                        a.statistics().pValue(), a.statistics().method(), sig.symptomCode(), where, level),
                weeklyChart, weeklyCaption,
                temperatureChart(members, sig.temperatureC()), temperatureCaption(members, sig.temperatureC()),
                productionChart(members), productionCaption(members),
                members.stream().limit(MEMBERS_SHOWN).map(DashboardService::memberRow).toList(),
                members.size() > MEMBERS_SHOWN ? "The first " + MEMBERS_SHOWN + " of " + Words.count(members.size()) + " member tickets."
                        : Words.count(members.size()) + " member tickets, from " + distinct(members, TicketView::unitId) + " units.",
                a.history().reversed().stream().map(h -> new Views.HistoryRow(Words.minute(h.at()), h.status().name(),
                        h.actor(), h.note())).toList(),
                actions(a.status()), actionsNote(a.status()));
    }

    private List<TicketView> members(long id) {
        List<TicketView> all = new ArrayList<>();
        String cursor = null;
        do {
            TicketPage page = alerts.tickets(id, 1000, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < MAX_TICKETS);
        all.sort((x, y) -> x.occurredAt().compareTo(y.occurredAt()));
        return all;
    }

    private record Weekly(List<Charts.Week> weeks) {
    }

    /**
     * Weeks from two months before the first member to the last ticket seen, Monday to Sunday (UTC). For a batch
     * pattern the batch's other tickets of the symptom are stacked in grey: the background the pattern stands out of.
     */
    private Weekly weekly(AlertView a, List<TicketView> members) {
        LocalDate first = monday(a.firstOccurredAt());
        LocalDate last = monday(a.lastOccurredAt());
        LocalDate from = first.minusWeeks(8);
        List<TicketView> others = List.of();
        AlertView.Signature sig = a.signature();
        if (sig.productionBatch() != null) {
            Set<Long> memberIds = new HashSet<>();
            members.forEach(m -> memberIds.add(m.id()));
            others = cellTickets(sig, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .stream().filter(t -> !memberIds.contains(t.id())).toList();
        }
        if (ChronoUnit.WEEKS.between(from, last) >= MAX_WEEKS) {
            from = last.minusWeeks(MAX_WEEKS - 1);
        }
        Map<LocalDate, int[]> counts = new HashMap<>();
        members.forEach(m -> counts.computeIfAbsent(monday(m.occurredAt()), w -> new int[2])[0]++);
        others.forEach(o -> counts.computeIfAbsent(monday(o.occurredAt()), w -> new int[2])[1]++);
        List<Charts.Week> weeks = new ArrayList<>();
        for (LocalDate week = from; !week.isAfter(last); week = week.plusWeeks(1)) {
            int[] c = counts.getOrDefault(week, new int[2]);
            weeks.add(new Charts.Week(week.getDayOfMonth() + " " + week.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH),
                    "Week of " + Words.day(week) + ": " + c[0] + " pattern ticket(s), " + c[1] + " other", c[0], c[1]));
        }
        return new Weekly(weeks);
    }

    private List<TicketView> cellTickets(AlertView.Signature sig, Instant from, Instant to) {
        List<TicketView> all = new ArrayList<>();
        String cursor = null;
        do {
            TicketPage page = tickets.list(new TicketService.TicketQuery(sig.productionBatch(), sig.component(),
                    sig.symptomCode(), from, to, null), 1000, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < MAX_TICKETS);
        return all;
    }

    /** Members' temperatures in 5 °C bins; bins inside the signature's band are highlighted. */
    private static String temperatureChart(List<TicketView> members, AlertView.Range<Double> band) {
        List<Double> temperatures = members.stream().map(TicketView::ambientTemperatureC).filter(Objects::nonNull).toList();
        if (temperatures.isEmpty()) {
            return null;
        }
        double min = temperatures.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = temperatures.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (band != null && band.min() != null && band.max() != null) {
            min = Math.min(min, band.min());
            max = Math.max(max, band.max());
        }
        int lowest = (int) Math.floor(min / 5) * 5 - 5;
        int highest = (int) Math.floor(max / 5) * 5 + 5;
        List<Charts.Bin> bins = new ArrayList<>();
        for (int low = lowest; low <= highest; low += 5) {
            int from = low;
            long count = temperatures.stream().filter(t -> t >= from && t < from + 5).count();
            boolean inBand = band != null && band.min() != null && band.max() != null && from + 5 > band.min() && from < band.max();
            bins.add(new Charts.Bin(from + "°", count + " member ticket(s) between " + from + " and " + (from + 5) + " °C"
                    + (inBand ? " (in the pattern's band)" : ""), (int) count, inBand, inBand));
        }
        return Charts.histogram("temperature-chart", "Ambient temperature of the member tickets", bins);
    }

    private static String temperatureCaption(List<TicketView> members, AlertView.Range<Double> band) {
        long without = members.stream().filter(m -> m.ambientTemperatureC() == null).count();
        String text = band == null || band.min() == null ? "No temperature band characterises this pattern."
                : "Shaded: the pattern's band, " + Words.temperature(band.min()) + " to " + Words.temperature(band.max()) + ".";
        return without == 0 ? text : text + " " + without + " member ticket(s) give no temperature.";
    }

    /** Members' production dates by week (by month when they span more than half a year). */
    private static String productionChart(List<TicketView> members) {
        List<LocalDate> dates = members.stream().map(TicketView::productionDate).filter(Objects::nonNull).sorted().toList();
        if (dates.isEmpty()) {
            return null;
        }
        boolean monthly = ChronoUnit.WEEKS.between(dates.getFirst(), dates.getLast()) > 26;
        Function<LocalDate, LocalDate> bucket = monthly ? d -> d.withDayOfMonth(1) : DashboardService::monday;
        Map<LocalDate, Integer> counts = new HashMap<>();
        dates.forEach(d -> counts.merge(bucket.apply(d), 1, Integer::sum));
        List<Charts.Bin> bins = new ArrayList<>();
        LocalDate start = bucket.apply(dates.getFirst()).minus(1, monthly ? ChronoUnit.MONTHS : ChronoUnit.WEEKS);
        LocalDate end = bucket.apply(dates.getLast()).plus(1, monthly ? ChronoUnit.MONTHS : ChronoUnit.WEEKS);
        for (LocalDate b = start; !b.isAfter(end); b = b.plus(1, monthly ? ChronoUnit.MONTHS : ChronoUnit.WEEKS)) {
            int count = counts.getOrDefault(b, 0);
            String label = monthly ? b.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + (b.getYear() % 100)
                    : b.getDayOfMonth() + " " + b.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            bins.add(new Charts.Bin(label, count + " member unit(s) built in the " + (monthly ? "month" : "week") + " of "
                    + Words.day(b), count, true, false));
        }
        return Charts.histogram("production-chart", "Production dates of the member units", bins);
    }

    private static String productionCaption(List<TicketView> members) {
        long without = members.stream().filter(m -> m.productionDate() == null).count();
        return without == 0 ? "When the member units were built." : "When the member units were built; " + without
                + " member ticket(s) give no production date.";
    }

    private static List<Views.Fact> facts(AlertView a) {
        AlertView.Signature sig = a.signature();
        List<Views.Fact> facts = new ArrayList<>();
        facts.add(new Views.Fact("Component / symptom", sig.component() + " / " + sig.symptomCode()));
        facts.add(new Views.Fact("Production batch", sig.productionBatch() == null ? "across batches" : sig.productionBatch()));
        facts.add(new Views.Fact("Firmware", sig.firmwareVersion() == null ? "not characteristic" : sig.firmwareVersion()));
        facts.add(new Views.Fact("Temperature band", sig.temperatureC() == null ? "none"
                : Words.temperature(sig.temperatureC().min()) + " to " + Words.temperature(sig.temperatureC().max())));
        facts.add(new Views.Fact("Members built", sig.productionDate() == null ? "—"
                : Words.day(sig.productionDate().from()) + " to " + Words.day(sig.productionDate().to())));
        facts.add(new Views.Fact("Tickets / units", a.ticketCount() + " / " + a.unitCount()));
        facts.add(new Views.Fact("First / last failure", Words.day(a.firstOccurredAt()) + " / " + Words.day(a.lastOccurredAt())));
        if (a.exposure() != null) {
            facts.add(new Views.Fact("Units produced", Words.count(a.exposure().unitsProduced())));
            facts.add(new Views.Fact("Money at stake", Words.money(a.exposure().estimatedRecallCost(), a.exposure().currency())
                    + " (recall of the whole batch)"));
        }
        facts.add(new Views.Fact("Detected / updated", Words.minute(a.detectedAt()) + " / " + Words.minute(a.updatedAt())));
        return facts;
    }

    /** The transitions API.md allows from each state; the API has the last word (409 for anything else). */
    static List<Views.Action> actions(AlertStatus status) {
        return switch (status) {
            case OPEN -> List.of(new Views.Action("acknowledge", "Acknowledge", true),
                    new Views.Action("resolve", "Resolve", false), new Views.Action("dismiss", "Dismiss", false));
            case ACKNOWLEDGED -> List.of(new Views.Action("resolve", "Resolve", true), new Views.Action("dismiss", "Dismiss", false));
            case RESOLVED, DISMISSED -> List.of();
        };
    }

    private static String actionsNote(AlertStatus status) {
        return switch (status) {
            case OPEN -> "Acknowledge to tell others you are on it; resolve once fixed; dismiss if it is not a defect.";
            case ACKNOWLEDGED -> "Resolve once fixed; dismiss if it is not a defect.";
            case RESOLVED -> "Resolved. Detection reopens it if matching failures happen after the resolution.";
            case DISMISSED -> "Dismissed. Detection reopens it only if its ticket count doubles.";
        };
    }

    private static Views.MemberRow memberRow(TicketView t) {
        return new Views.MemberRow(t.id(), t.ticketId(), t.source(), t.unitId(), Words.minute(t.occurredAt()),
                Words.temperature(t.ambientTemperatureC()), t.firmwareVersion() == null ? "—" : t.firmwareVersion(),
                Words.day(t.productionDate()), t.region() == null ? "—" : t.region(),
                t.serviceCenter() == null ? "—" : t.serviceCenter(),
                t.mileageKm() == null ? "—" : Words.count(Math.round(t.mileageKm())) + " km",
                t.description() == null ? "" : t.description());
    }

    private static long distinct(List<TicketView> tickets, Function<TicketView, String> key) {
        return tickets.stream().map(key).distinct().count();
    }

    private static LocalDate monday(Instant instant) {
        return monday(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    private static LocalDate monday(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}

package com.defectradar.digest;

import com.defectradar.alert.Severity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the week's alerts of one recipient list into a {@link Digest}. Pure: no database, no clock.
 *
 * <p>Each alert appears once, in the first section that applies: Resolved (resolved during the week and still
 * resolved at its end), New (detected during the week, or reopened during it: it needs a decision again),
 * Escalating, Unacknowledged. Dismissed alerts appear nowhere. An escalating alert nobody
 * acknowledged says so in its status line, so sorting it into one section loses nothing.
 */
public record DigestComposer(int unacknowledgedDays, double escalationGrowth, String baseUrl, String alertPath,
                             String subjectPrefix) {

    enum Kind { NEW, ESCALATING, UNACKNOWLEDGED, RESOLVED }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** Most severe first, then most money at stake, then most tickets; the id keeps the order stable. */
    private static final Comparator<WeekAlert> URGENCY = Comparator
            .comparingInt((WeekAlert a) -> severityRank(a.severity()))
            .thenComparing(WeekAlert::estimatedRecallCost, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(WeekAlert::ticketsAtEnd, Comparator.reverseOrder())
            .thenComparingLong(WeekAlert::id);

    static DigestComposer of(DigestSettings settings) {
        return new DigestComposer(settings.unacknowledgedDays(), settings.escalationGrowth(), settings.baseUrl(),
                settings.alertPath(), settings.subject());
    }

    public Digest compose(DigestWeek week, RecipientList list, List<WeekAlert> alerts) {
        Map<Kind, List<WeekAlert>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        for (WeekAlert alert : alerts) {
            classify(alert, week).ifPresent(kind -> byKind.get(kind).add(alert));
        }
        byKind.values().forEach(group -> group.sort(URGENCY));
        Digest.Counts counts = new Digest.Counts(byKind.get(Kind.NEW).size(), byKind.get(Kind.ESCALATING).size(),
                byKind.get(Kind.UNACKNOWLEDGED).size(), byKind.get(Kind.RESOLVED).size());
        List<Digest.Section> sections = List.of(
                section(Kind.NEW, "New", "Detected, or reopened by new failures, during the week.", "#1d4ed8",
                        byKind, week),
                section(Kind.ESCALATING, "Escalating", "Ticket count up by " + percent(escalationGrowth)
                        + " or more since the week began.", "#b91c1c", byKind, week),
                section(Kind.UNACKNOWLEDGED, "Unacknowledged for more than " + days(unacknowledgedDays),
                        "Open, and nobody has acknowledged them for more than " + days(unacknowledgedDays) + ".",
                        "#c2410c", byKind, week),
                section(Kind.RESOLVED, "Resolved", "Resolved during the week.", "#15803d", byKind, week));
        List<WeekAlert> open = new ArrayList<>(byKind.get(Kind.NEW));
        open.addAll(byKind.get(Kind.ESCALATING));
        open.addAll(byKind.get(Kind.UNACKNOWLEDGED));
        return new Digest(subject(week, list, counts), "Weekly defect digest", period(week), audience(list), counts,
                moneyAtStake(open), sections, unacknowledgedDays);
    }

    Optional<Kind> classify(WeekAlert alert, DigestWeek week) {
        if (!alert.detectedAt().isBefore(week.end())) {
            return Optional.empty();
        }
        switch (alert.statusAtEnd()) {
            case "RESOLVED" -> {
                boolean inWeek = !alert.statusSince().isBefore(week.start())
                        && alert.statusSince().isBefore(week.end());
                return inWeek ? Optional.of(Kind.RESOLVED) : Optional.empty();
            }
            case "OPEN", "ACKNOWLEDGED" -> {
                if (!alert.detectedAt().isBefore(week.start()) || reopened(alert, week)) {
                    return Optional.of(Kind.NEW);
                }
                if (escalated(alert)) {
                    return Optional.of(Kind.ESCALATING);
                }
                return unacknowledgedTooLong(alert, week) ? Optional.of(Kind.UNACKNOWLEDGED) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Open at the week's end, open only since a moment in the week, detected before it: detection reopened it. */
    private static boolean reopened(WeekAlert alert, DigestWeek week) {
        return "OPEN".equals(alert.statusAtEnd()) && alert.detectedAt().isBefore(week.start())
                && !alert.statusSince().isBefore(week.start());
    }

    boolean escalated(WeekAlert alert) {
        // a tiny tolerance so that 8 -> 12 at +50 % counts despite floating point
        return alert.ticketsAtEnd() > alert.ticketsAtStart()
                && alert.ticketsAtEnd() >= alert.ticketsAtStart() * (1 + escalationGrowth) - 1e-9;
    }

    private boolean unacknowledgedTooLong(WeekAlert alert, DigestWeek week) {
        return "OPEN".equals(alert.statusAtEnd())
                && alert.statusSince().isBefore(week.end().minus(Duration.ofDays(unacknowledgedDays)));
    }

    private Digest.Section section(Kind kind, String title, String explanation, String accent,
                                   Map<Kind, List<WeekAlert>> byKind, DigestWeek week) {
        return new Digest.Section(kind.name().toLowerCase(Locale.ROOT), title, explanation, accent,
                byKind.get(kind).stream().map(a -> item(kind, a, week)).toList());
    }

    private Digest.Item item(Kind kind, WeekAlert a, DigestWeek week) {
        return new Digest.Item(a.id(), a.title(), a.severity(), severityColor(a.severity()), a.summary(),
                signature(a), change(kind, a, week), status(a, week), count(a.ticketsAtEnd(), "ticket"),
                count(a.unitsAtEnd(), "unit"), rateRatio(a.rateRatio()), money(a.estimatedRecallCost(), a.currency()),
                link(a.id()));
    }

    private String change(Kind kind, WeekAlert a, DigestWeek week) {
        return switch (kind) {
            case NEW -> reopened(a, week) ? "Reopened " + DAY.format(a.statusSince().atZone(week.zone()))
                    + " (first detected " + DATE.format(a.detectedAt().atZone(week.zone())) + ")"
                    : "Detected " + DAY.format(a.detectedAt().atZone(week.zone()));
            case ESCALATING -> "Tickets " + a.ticketsAtStart() + " \u2192 " + a.ticketsAtEnd() + " during the week"
                    + (a.ticketsAtStart() > 0
                    ? " (+" + Math.round(100.0 * (a.ticketsAtEnd() - a.ticketsAtStart()) / a.ticketsAtStart()) + " %)"
                    : "");
            case UNACKNOWLEDGED -> "Open since " + DAY.format(a.statusSince().atZone(week.zone()));
            case RESOLVED -> "Resolved " + DAY.format(a.statusSince().atZone(week.zone()));
        };
    }

    private static String status(WeekAlert a, DigestWeek week) {
        return switch (a.statusAtEnd()) {
            case "OPEN" -> {
                long days = Duration.between(a.statusSince(), week.end()).toDays();
                yield days >= 1 ? "Open, unacknowledged for " + days(days) : "Open, not yet acknowledged";
            }
            case "ACKNOWLEDGED" -> "Acknowledged";
            case "RESOLVED" -> "no action needed";
            default -> a.statusAtEnd();
        };
    }

    private static String signature(WeekAlert a) {
        List<String> parts = new ArrayList<>();
        parts.add(a.component());
        parts.add(a.symptomCode());
        if (a.productionBatch() != null) {
            parts.add("batch " + a.productionBatch());
        }
        if (a.firmwareVersion() != null) {
            parts.add("firmware " + a.firmwareVersion());
        }
        if (a.temperatureMin() != null || a.temperatureMax() != null) {
            parts.add(temperature(a.temperatureMin(), a.temperatureMax()));
        }
        if (a.productionFrom() != null || a.productionTo() != null) {
            parts.add("built " + date(a.productionFrom()) + " to " + date(a.productionTo()));
        }
        return String.join(" \u00b7 ", parts);
    }

    private static String temperature(Double min, Double max) {
        if (min == null) {
            return "at or below " + celsius(max);
        }
        if (max == null) {
            return "at or above " + celsius(min);
        }
        return degrees(min) + " to " + celsius(max);
    }

    private static String celsius(double value) {
        return degrees(value) + " \u00b0C";
    }

    private static String degrees(double value) {
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number.replace('-', '\u2212');
    }

    private static String date(LocalDate date) {
        return date == null ? "?" : DATE.format(date);
    }

    private String subject(DigestWeek week, RecipientList list, Digest.Counts counts) {
        String who = list.isDefault() ? "" : " [" + list.componentKey() + "]";
        String what = counts.total() == 0 ? "nothing needs you"
                : counts.fresh() + " new, " + counts.escalating() + " escalating, " + counts.unacknowledged()
                + " unacknowledged, " + counts.resolved() + " resolved";
        return subjectPrefix + who + ", week of " + week.monday() + ": " + what;
    }

    private static String period(DigestWeek week) {
        return "Monday " + DATE.format(week.monday()) + " to Sunday " + DATE.format(week.sunday()) + " ("
                + week.zone().getId() + ")";
    }

    private static String audience(RecipientList list) {
        return list.isDefault() ? "Default list" : "Component route: " + list.componentKey();
    }

    /** Recall cost of the open alerts in this e-mail, by currency; alerts without an estimate are counted. */
    private static List<String> moneyAtStake(List<WeekAlert> open) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        Map<String, Integer> alertsByCurrency = new TreeMap<>();
        int unknown = 0;
        for (WeekAlert a : open) {
            if (a.estimatedRecallCost() == null) {
                unknown++;
                continue;
            }
            String currency = a.currency() == null ? "" : a.currency();
            byCurrency.merge(currency, a.estimatedRecallCost(), BigDecimal::add);
            alertsByCurrency.merge(currency, 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        byCurrency.forEach((currency, total) -> lines.add(money(total, currency) + " estimated recall cost in "
                + count(alertsByCurrency.get(currency), "open alert")));
        if (unknown > 0) {
            lines.add(count(unknown, "open alert")
                    + " without a cost estimate (no registered batch size or unit cost)");
        }
        return lines;
    }

    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "not estimated";
        }
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        String number = format.format(amount.setScale(0, RoundingMode.HALF_UP));
        return currency == null || currency.isEmpty() ? number : currency + " " + number;
    }

    static String rateRatio(double ratio) {
        if (Double.isInfinite(ratio) || ratio >= Double.MAX_VALUE / 2) {
            return "\u221e\u00d7 expected (none expected)";
        }
        String number = ratio >= 100 ? String.valueOf(Math.round(ratio)) : String.format(Locale.ROOT, "%.1f", ratio);
        return number + "\u00d7 expected";
    }

    private String link(long id) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String path = alertPath.startsWith("/") ? alertPath : "/" + alertPath;
        return base + path.replace("{id}", Long.toString(id));
    }

    private static String severityColor(String severity) {
        return switch (severity) {
            case "CRITICAL" -> "#b91c1c";
            case "HIGH" -> "#c2410c";
            case "MEDIUM" -> "#a16207";
            default -> "#4b5563";
        };
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String days(long n) {
        return count(n, "day");
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    /** The severity's place in {@link Severity}, most severe first; an unknown one after all of them. */
    private static int severityRank(String severity) {
        for (Severity known : Severity.values()) {
            if (known.name().equals(severity)) {
                return known.ordinal();
            }
        }
        return Severity.values().length;
    }
}

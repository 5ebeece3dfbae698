package com.defectradar.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers and statistics as an engineer reads them on the dashboard. */
final class Words {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);
    private static final Pattern WINDOW = Pattern.compile("\\((\\d+)-day window\\)");

    private Words() {
    }

    /** 0.25 → "0.25", 3.0 → "3", 12.345 → "12.3": as few digits as the value needs. */
    static String decimal(double value) {
        if (!Double.isFinite(value)) {
            return "∞";
        }
        String pattern = Math.abs(value) >= 10 ? "#,##0" : Math.abs(value) >= 1 ? "0.#" : "0.##";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String ratio(double ratio) {
        return !Double.isFinite(ratio) || ratio >= 1e6 ? "far above" : decimal(ratio) + "×";
    }

    /** 3.2e-6 → "3.2 × 10⁻⁶"; plain decimals from 0.001 up. */
    static String pValue(double p) {
        if (p >= 0.001) {
            return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(p);
        }
        if (p <= 0) {
            return "< 10⁻³⁰⁰";
        }
        int exponent = (int) Math.floor(Math.log10(p));
        double mantissa = p / Math.pow(10, exponent);
        String digits = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(mantissa);
        return (digits.equals("1") ? "" : digits + " × ") + "10" + superscript(exponent);
    }

    private static String superscript(int exponent) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder out = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : String.valueOf(Math.abs(exponent)).toCharArray()) {
            out.append(digits.charAt(c - '0'));
        }
        return out.toString();
    }

    /** 60,000,000 CNY → "60 M CNY"; 1,500 → "1,500 CNY". */
    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "—";
        }
        String unit = currency == null ? "" : " " + currency.toUpperCase(Locale.ROOT);
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        if (amount.compareTo(million) >= 0) {
            BigDecimal millions = amount.divide(million, 1, RoundingMode.HALF_UP).stripTrailingZeros();
            return new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(millions) + " M" + unit;
        }
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount) + unit;
    }

    static String count(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String day(LocalDate date) {
        return date == null ? "—" : DAY.format(date);
    }

    static String day(Instant instant) {
        return instant == null ? "—" : DAY.format(instant.atZone(ZoneOffset.UTC));
    }

    static String minute(Instant instant) {
        return instant == null ? "—" : MINUTE.format(instant.atZone(ZoneOffset.UTC));
    }

    static String temperature(Double celsius) {
        return celsius == null ? "—" : decimal(celsius) + " °C";
    }

    /** The look-back window a method string names ("… (28-day window)"), or null. */
    static Integer windowDays(String method) {
        Matcher m = method == null ? null : WINDOW.matcher(method);
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    /** The level at which alerts are raised, with the early-life level of young batches when it differs. */
    static String level(double significance, double earlyLifeWeight, int earlyLifeDays) {
        String level = "p ≤ " + pValue(significance);
        return earlyLifeWeight == 1 ? level
                : level + " (" + pValue(significance * earlyLifeWeight) + " in a batch's first " + earlyLifeDays + " days)";
    }

    /**
     * The statistics as sentences: what was seen, what was expected and from where, how unlikely by chance,
     * and the level at which alerts are raised ({@link #level}). {@code symptom} and {@code where} name the pattern.
     */
    static String statistics(int observed, double expected, double rateRatio, double pValue, String method, String symptom,
                             String where, String level) {
        Integer window = windowDays(method);
        String period = window == null ? "in the look-back window" : "in the last " + window + " days";
        StringBuilder text = new StringBuilder();
        text.append(observed).append(observed == 1 ? " unit " : " units ").append(where).append(" reported ")
                .append(symptom).append(' ').append(period).append(", where ").append(decimal(expected))
                .append(" would be expected at the rate of the rest of the fleet: ").append(ratio(rateRatio))
                .append(" as many. ");
        text.append("A count this high would happen by chance with probability p = ").append(pValue(pValue))
                .append(", after correction for the windows and conditions the detector tried; it raises alerts at ")
                .append(level).append(" (sized for under one false alert a month across the fleet). ");
        if (method != null) {
            text.append("Method: ").append(method).append('.');
        }
        return text.toString();
    }
}

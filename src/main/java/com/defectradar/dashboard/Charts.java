package com.defectradar.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts, drawn on the server: no chart library to download, nothing to run in the browser, and the
 * page shows its evidence even when scripts are blocked. Every text is escaped; every bar has a tooltip.
 */
final class Charts {

    /** The weekly chart spans the page; histograms sit two abreast, so they get a narrower canvas (larger text). */
    static final int WIDE = 720;
    static final int NARROW = 380;
    static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;
    static final String PATTERN = "#c0392b";
    static final String OTHER = "#c8ced3";
    static final String BAND = "#fdebd0";

    private Charts() {
    }

    /** One week of a weekly chart: the pattern's tickets, and other tickets of the same cell. */
    record Week(String label, String tooltip, int pattern, int other) {
    }

    /**
     * One bar of a histogram: {@code highlighted} bars are drawn in the pattern's colour, {@code shaded} bins get a
     * background (the signature's temperature band).
     */
    record Bin(String label, String tooltip, int count, boolean highlighted, boolean shaded) {
    }

    /** Stacked weekly bars with the expected count per week as a dashed line (omitted when unknown). */
    static String weekly(String id, String title, List<Week> weeks, Double expectedPerWeek) {
        int max = weeks.stream().mapToInt(w -> w.pattern() + w.other()).max().orElse(0);
        double top = niceTop(Math.max(max, expectedPerWeek == null ? 0 : expectedPerWeek));
        int width = WIDE;
        StringBuilder svg = open(id, title, width);
        axis(svg, top, width);
        double slot = plotWidth(width) / Math.max(1, weeks.size());
        int labelEvery = Math.max(1, (int) Math.ceil(weeks.size() / 12.0));
        for (int i = 0; i < weeks.size(); i++) {
            Week w = weeks.get(i);
            double x = LEFT + i * slot + slot * 0.15;
            double barWidth = slot * 0.7;
            double otherHeight = scale(w.other(), top);
            double patternHeight = scale(w.pattern(), top);
            double base = TOP + plotHeight();
            svg.append("<g class=\"week\"><title>").append(escape(w.tooltip())).append("</title>");
            if (w.other() > 0) {
                rect(svg, "bar-other", x, base - otherHeight, barWidth, otherHeight, OTHER);
            }
            if (w.pattern() > 0) {
                rect(svg, "bar-pattern", x, base - otherHeight - patternHeight, barWidth, patternHeight, PATTERN);
            }
            svg.append("</g>");
            if (i % labelEvery == 0) {
                text(svg, x + barWidth / 2, HEIGHT - BOTTOM + 16, "middle", w.label());
            }
        }
        if (expectedPerWeek != null) {
            double y = TOP + plotHeight() - scale(expectedPerWeek, top);
            svg.append(String.format(Locale.ROOT, "<line class=\"expected\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#2c3e50\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>%s</title></line>",
                    LEFT, width - RIGHT, y, y, escape("expected: " + Words.decimal(expectedPerWeek) + " a week")));
        }
        return svg.append("</svg>").toString();
    }

    /** Vertical bars over labelled bins, highlighted bins in the pattern's colour. */
    static String histogram(String id, String title, List<Bin> bins) {
        int max = bins.stream().mapToInt(Bin::count).max().orElse(0);
        double top = niceTop(max);
        int width = NARROW;
        StringBuilder svg = open(id, title, width);
        axis(svg, top, width);
        double slot = plotWidth(width) / Math.max(1, bins.size());
        int labelEvery = Math.max(1, (int) Math.ceil(bins.size() / 7.0));
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            double x = LEFT + i * slot;
            if (bin.shaded()) {
                rect(svg, "band", x, TOP, slot, plotHeight(), BAND);
            }
            double height = scale(bin.count(), top);
            svg.append("<g class=\"bin\"><title>").append(escape(bin.tooltip())).append("</title>");
            if (bin.count() > 0) {
                rect(svg, bin.highlighted() ? "bar-pattern" : "bar-other", x + slot * 0.12, TOP + plotHeight() - height,
                        slot * 0.76, height, bin.highlighted() ? PATTERN : "#7f8c8d");
            }
            svg.append("</g>");
            if (i % labelEvery == 0) {
                text(svg, x + slot / 2, HEIGHT - BOTTOM + 16, "middle", bin.label());
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, int width) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart\" role=\"img\" aria-label=\"%s\""
                + " viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">", escape(id), escape(title), width, HEIGHT));
    }

    /** Horizontal grid lines with their values: four steps up to a round maximum, whole counts when small. */
    private static void axis(StringBuilder svg, double top, int width) {
        int steps = top < 4 && top == Math.rint(top) ? (int) top : 4;
        for (int step = 0; step <= steps; step++) {
            double value = top * step / steps;
            double y = TOP + plotHeight() - scale(value, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    LEFT, width - RIGHT, y, y, step == 0 ? "#7f8c8d" : "#ecf0f1"));
            text(svg, LEFT - 6, y + 4, "end", Words.decimal(value));
        }
    }

    private static void rect(StringBuilder svg, String cssClass, double x, double y, double width, double height, String fill) {
        svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                cssClass, x, y, width, height, fill));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\" fill=\"#555\">%s</text>",
                x, y, anchor, escape(content)));
    }

    private static double plotWidth(int width) {
        return width - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static double scale(double value, double top) {
        return top <= 0 ? 0 : value / top * plotHeight();
    }

    /** A round axis maximum at or above the data: 1, 2, 4, 5, 8, 10, 20, 40, 50... */
    static double niceTop(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[]{1, 2, 4, 5, 8, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package com.defectradar.detection;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Writes the title and the one sentence an engineer can act on. */
final class PatternNarrator {

    private PatternNarrator() {
    }

    static String title(Signature signature, WindowLoader.Spelling spelling) {
        String where = signature.cell().kind() == Cell.Kind.BATCH
                ? "batch " + spelling.batch() : "firmware " + spelling.firmware();
        return spelling.symptom() + " in " + spelling.component() + " " + where;
    }

    /**
     * E.g. "6 units from battery batch BAT-2020-12-A on BMS-10.2 reported RANGE_DROP between -24 °C and -9 °C
     * in 18 days; 41× the expected rate; 12,000 built, ≈ 180 M CNY at stake."
     */
    static String summary(Signature signature, Evidence evidence, BatchInfo batch, WindowLoader.Spelling spelling) {
        StringBuilder text = new StringBuilder();
        text.append(evidence.observed()).append(" units ");
        if (signature.cell().kind() == Cell.Kind.BATCH) {
            text.append("from ").append(spelling.component()).append(" batch ").append(spelling.batch());
            if (spelling.firmware() != null) {
                text.append(" on ").append(spelling.firmware());
            }
        } else {
            text.append("on ").append(spelling.component()).append(" firmware ").append(spelling.firmware())
                    .append(", across batches,");
        }
        text.append(" reported ").append(spelling.symptom());
        if (signature.temperature() != null) {
            text.append(' ').append(band(signature.temperature()));
        }
        text.append(" in ").append(days(evidence)).append(" days; ")
                .append(ratio(evidence.rateRatio())).append("× the expected rate");
        if (batch != null) {
            text.append("; ").append(grouped(batch.unitsProduced())).append(" built");
            BigDecimal cost = batch.unitRecallCost() == null ? null
                    : batch.unitRecallCost().multiply(BigDecimal.valueOf(batch.unitsProduced()));
            if (cost != null) {
                text.append(", ≈ ").append(money(cost)).append(batch.currency() == null ? "" : " " + batch.currency().toUpperCase(Locale.ROOT))
                        .append(" at stake");
            }
        }
        return text.append('.').toString();
    }

    static String band(Signature.Band band) {
        if (band.max() <= 0 && band.min() <= -40) {
            return "below " + degrees(band.max());
        }
        return "between " + degrees(band.min()) + " and " + degrees(band.max());
    }

    private static long days(Evidence evidence) {
        double first = evidence.members().stream().mapToDouble(TicketPoint::occurredDay).min().orElse(0);
        double last = evidence.members().stream().mapToDouble(TicketPoint::occurredDay).max().orElse(0);
        return Math.max(1, (long) Math.ceil(last - first));
    }

    private static String degrees(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + " °C";
    }

    private static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "far above";
        }
        return ratio >= 10 ? String.valueOf(Math.round(ratio)) : new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(ratio);
    }

    static String grouped(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String money(BigDecimal amount) {
        double value = amount.doubleValue();
        DecimalFormat oneDecimal = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        if (value >= 1e9) {
            return oneDecimal.format(value / 1e9) + " B";
        }
        if (value >= 1e6) {
            return oneDecimal.format(value / 1e6) + " M";
        }
        return grouped(Math.round(value));
    }
}

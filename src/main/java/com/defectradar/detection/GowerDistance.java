package com.defectradar.detection;

import smile.math.distance.Distance;

import java.io.Serial;
import java.util.List;
import java.util.function.Function;

/**
 * Gower's mixed-type distance between tickets: each attribute contributes a dissimilarity in [0, 1]
 * (0/1 for codes, |a−b| / range for numbers), averaged with weights over the attributes both tickets
 * have. A missing attribute is left out of the average rather than counted as a match or a mismatch,
 * so sparse data (no firmware, no temperature) neither pulls tickets together nor apart.
 */
public final class GowerDistance implements Distance<TicketPoint> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A code attribute and its weight. */
    public record Categorical(String name, double weight, Function<TicketPoint, String> value) {
    }

    /** A numeric attribute, its weight and the range that makes a difference of 1. */
    public record Numeric(String name, double weight, double range, Function<TicketPoint, Double> value) {
    }

    private final transient List<Categorical> categorical;
    private final transient List<Numeric> numeric;

    public GowerDistance(List<Categorical> categorical, List<Numeric> numeric) {
        this.categorical = List.copyOf(categorical);
        this.numeric = List.copyOf(numeric);
    }

    @Override
    public double d(TicketPoint a, TicketPoint b) {
        double sum = 0;
        double weights = 0;
        for (Categorical attribute : categorical) {
            String x = attribute.value().apply(a);
            String y = attribute.value().apply(b);
            if (x != null && y != null) {
                sum += attribute.weight() * (x.equals(y) ? 0 : 1);
                weights += attribute.weight();
            }
        }
        for (Numeric attribute : numeric) {
            Double x = attribute.value().apply(a);
            Double y = attribute.value().apply(b);
            if (x != null && y != null && attribute.range() > 0) {
                sum += attribute.weight() * Math.min(1.0, Math.abs(x - y) / attribute.range());
                weights += attribute.weight();
            }
        }
        return weights == 0 ? 1.0 : sum / weights;
    }

    @Override
    public String toString() {
        return "Gower(" + categorical.stream().map(c -> c.name() + "×" + c.weight()).toList()
                + numeric.stream().map(n -> n.name() + "×" + n.weight() + "/" + n.range()).toList() + ")";
    }
}

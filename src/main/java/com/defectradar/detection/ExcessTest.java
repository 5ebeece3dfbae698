package com.defectradar.detection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tests whether a signature shows a real excess within one component's tickets, in units, not tickets.
 *
 * <p>Two questions, both of which must be answered yes (an intersection–union test, so the larger p-value
 * counts):
 * <ol>
 *   <li>Disproportionality: is the symptom a larger share of the cell's units than of the other cells'
 *       units of the same component over the same period? (One-sided Fisher exact test.) Exposure errors —
 *       a batch larger than registered, heavier use, more shops reporting — raise every symptom alike and
 *       leave the share unchanged; weather raises a symptom in every cell alike. Neither passes.</li>
 *   <li>Exposure, for a registered batch: are there more units with the symptom than the other registered
 *       batches' rate per unit-day in service predicts for this batch? (Poisson.) This keeps a symptom that is
 *       merely the last one left in a healthy batch from counting as an excess.</li>
 * </ol>
 * Both compare over the same period, which starts no earlier than the cell could have failures (its batch's
 * production start or its firmware's first sighting), so a young cell is compared with the weather and
 * season it actually lived through. Each of several look-back windows is tried; the best p-value is
 * multiplied by the number of windows, and by a penalty for each condition derived from the data.
 */
final class ExcessTest {

    private final double asOf;
    private final List<Integer> windows;
    private final double conditionPenalty;
    private final List<TicketPoint> points;
    private final Map<String, BatchInfo> batches;
    private final Map<String, Double> firmwareFirstSeen = new HashMap<>();

    ExcessTest(double asOf, List<Integer> windows, double conditionPenalty, List<TicketPoint> componentPoints,
               Map<String, BatchInfo> componentBatches) {
        this.asOf = asOf;
        this.windows = List.copyOf(windows);
        this.conditionPenalty = conditionPenalty;
        this.batches = componentBatches;
        this.points = componentPoints.stream().filter(this::plausible).toList();
        for (TicketPoint p : points) {
            if (p.firmware() != null) {
                firmwareFirstSeen.merge(p.firmware(), p.occurredDay(), Math::min);
            }
        }
    }

    /** A ticket of a registered batch from before the batch was built is a data error, not a failure in service. */
    private boolean plausible(TicketPoint p) {
        BatchInfo batch = p.batch() == null ? null : batches.get(p.batch());
        return batch == null || p.occurredDay() >= batch.firstServiceDay();
    }

    List<TicketPoint> points() {
        return points;
    }

    Evidence evaluate(Signature signature) {
        Evidence best = null;
        Set<Double> starts = new HashSet<>();
        for (int window : windows) {
            double start = Math.max(asOf - window, cellStart(signature.cell()));
            // Windows cut to the same start by a young cell are one test, not several.
            if (!starts.add(start)) {
                continue;
            }
            Evidence evidence = evaluate(signature, window, start);
            if (evidence != null && (best == null || evidence.pValue() < best.pValue())) {
                best = evidence;
            }
        }
        if (best == null) {
            return null;
        }
        double penalty = starts.size() * Math.pow(conditionPenalty, signature.derivedConditions());
        return new Evidence(best.observed(), best.expected(), Math.min(1.0, best.pValue() * penalty),
                best.windowDays(), best.method(), best.members());
    }

    private Evidence evaluate(Signature signature, int window, double start) {
        Cell cell = signature.cell();
        if (asOf - start < 1) {
            return null;
        }
        List<TicketPoint> period = points.stream().filter(p -> p.occurredDay() > start && p.occurredDay() <= asOf).toList();
        List<TicketPoint> members = period.stream().filter(p -> cell.contains(p) && signature.isCase(p)).toList();
        int cases = units(members);
        if (cases == 0) {
            return null;
        }
        int cellUnits = units(period, cell::contains);
        int otherCases = units(period, p -> !cell.contains(p) && signature.isCase(p));
        int otherUnits = units(period, p -> !cell.contains(p));
        double share = Statistics.fisherUpperTail(cases, cellUnits, otherCases, otherUnits);
        double shareExpected = cellUnits * (otherCases + 0.5) / (otherUnits + 1.0);

        BatchInfo batch = cell.kind() == Cell.Kind.BATCH ? batches.get(cell.key()) : null;
        double referenceExposure = batch == null ? 0 : batches.values().stream()
                .filter(b -> !b.key().equals(cell.key())).mapToDouble(b -> b.unitDays(start, asOf)).sum();
        if (batch == null || referenceExposure <= 0) {
            return new Evidence(cases, shareExpected, share, window,
                    "Fisher exact test of the symptom's share of units against the other "
                            + (cell.kind() == Cell.Kind.BATCH ? "batches" : "firmware versions") + ", same period",
                    members);
        }
        int referenceCases = units(period, p -> p.batch() != null && !p.batch().equals(cell.key())
                && batches.containsKey(p.batch()) && signature.isCase(p));
        // Half a case of prior keeps a reference without any case from promising a rate of zero.
        double rate = (referenceCases + 0.5) / referenceExposure;
        double exposure = Math.max(batch.unitDays(start, asOf), batch.unitsProduced());
        double expected = rate * exposure;
        double excess = Statistics.poissonUpperTail(cases, expected);
        return new Evidence(cases, expected, Math.max(share, excess), window,
                "Poisson test against the fleet rate per unit-day in service, and Fisher exact test of the "
                        + "symptom's share against the other batches, same period", members);
    }

    private double cellStart(Cell cell) {
        if (cell.kind() == Cell.Kind.BATCH) {
            BatchInfo batch = batches.get(cell.key());
            return batch == null ? Double.NEGATIVE_INFINITY : batch.firstServiceDay();
        }
        return firmwareFirstSeen.getOrDefault(cell.key(), Double.NEGATIVE_INFINITY);
    }

    static int units(Collection<TicketPoint> points) {
        Set<String> units = new HashSet<>();
        points.forEach(p -> units.add(p.unitId()));
        return units.size();
    }

    private static int units(List<TicketPoint> points, Predicate<TicketPoint> filter) {
        List<TicketPoint> selected = new ArrayList<>();
        for (TicketPoint p : points) {
            if (filter.test(p)) {
                selected.add(p);
            }
        }
        return units(selected);
    }
}

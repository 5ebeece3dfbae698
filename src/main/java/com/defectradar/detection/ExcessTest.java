package com.defectradar.detection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Tests whether a signature shows a real excess within one component's tickets, in units, not tickets.
 *
 * <p>Two questions:
 * <ol>
 *   <li>Disproportionality: is the symptom a larger share of the cell's units than of the other cells'
 *       units of the same component over the same period? (One-sided Fisher exact test.) Exposure errors —
 *       a batch larger than registered, heavier use, more shops reporting — raise every symptom alike and
 *       leave the share unchanged; weather raises a symptom in every cell alike. Neither passes.</li>
 *   <li>Exposure, for a registered batch: is the batch's share of the symptom's units (against the other
 *       registered batches) larger than its share of the unit-days in service? (Exact conditional test of
 *       two Poisson rates.) This keeps a symptom that is merely the last one left in a healthy batch from
 *       counting as an excess.</li>
 * </ol>
 * Exposure alone may carry the evidence where the batch's whole life confirms its registered size and the
 * share test still clears a guard level; otherwise both must (see {@link #failsAsRegistered}).
 * Both compare over the same period, which starts no earlier than the cell could have failures (its batch's
 * production start or its firmware's first sighting), so a young cell is compared with the weather and
 * season it actually lived through. Each of several look-back windows is tried; the best p-value is
 * multiplied by the number of windows, and by a penalty for each condition derived from the data.
 */
final class ExcessTest {

    /** Below this, a batch's other failures show it fails more than its registered size explains. */
    private static final double HISTORY_LEVEL = 0.01;
    /**
     * Level the same-period share test must reach for a firmware version's long-run mix test to count. Looser
     * than the batches' guard: a version being replaced leaves few units beside the new one in the same weeks,
     * so the share test there is weak by construction (fleet-2020's IVI-2021.04 reaches 1e-3 at best).
     */
    private static final double FIRMWARE_SHARE_GUARD = 0.05;

    private final double asOf;
    private final List<Integer> windows;
    private final double conditionPenalty;
    private final double shareGuard;
    private final FleetHistory history;
    private final List<TicketPoint> points;
    private final Map<String, BatchInfo> batches;
    private final Map<String, Double> firmwareFirstSeen = new HashMap<>();
    // Indexes, so a signature's test reads its own cell, its symptom and counts, never the whole component.
    private final Map<String, List<TicketPoint>> byBatch;
    private final Map<String, List<TicketPoint>> byFirmware;
    private final Map<String, List<TicketPoint>> bySymptom;
    private final Map<String, List<TicketPoint>> byUnit;
    private final double[] lastSeen;
    private final Map<String, double[]> lastSeenWithSymptom = new HashMap<>();
    private final Map<String, double[]> lastSeenWithSymptomInRegistered = new HashMap<>();
    private final Map<Double, Double> referenceExposures = new HashMap<>();
    private final Map<String, Double> typicalOtherSymptomRates = new HashMap<>();
    private final Map<CellStart, CellUnits> cellUnits = new HashMap<>();
    private final Map<String, double[]> symptomTemperatures = new HashMap<>();

    /** A cell's units after a start, shared by the cell's signatures (the whole cell and its clusters). */
    private record CellStart(Cell cell, double start) {
    }

    /** Units of the cell after a start, and units of the component's other cells after it. */
    private record CellUnits(int inCell, int outside) {
    }

    ExcessTest(double asOf, List<Integer> windows, double conditionPenalty, double shareGuard,
               List<TicketPoint> componentPoints, Map<String, BatchInfo> componentBatches, FleetHistory history) {
        this.asOf = asOf;
        this.windows = List.copyOf(windows);
        this.conditionPenalty = conditionPenalty;
        this.shareGuard = shareGuard;
        this.history = history;
        this.batches = componentBatches;
        this.points = componentPoints.stream().filter(this::plausible)
                .sorted(Comparator.comparingDouble(TicketPoint::occurredDay)).toList();
        for (TicketPoint p : points) {
            if (p.firmware() != null) {
                firmwareFirstSeen.merge(p.firmware(), p.occurredDay(), Math::min);
            }
        }
        byBatch = points.stream().filter(p -> p.batch() != null).collect(Collectors.groupingBy(TicketPoint::batch));
        byFirmware = points.stream().filter(p -> p.firmware() != null).collect(Collectors.groupingBy(TicketPoint::firmware));
        bySymptom = points.stream().collect(Collectors.groupingBy(TicketPoint::symptom));
        byUnit = points.stream().collect(Collectors.groupingBy(TicketPoint::unitId));
        lastSeen = lastSeen(points);
        bySymptom.forEach((symptom, tickets) -> {
            lastSeenWithSymptom.put(symptom, lastSeen(tickets));
            lastSeenWithSymptomInRegistered.put(symptom,
                    lastSeen(tickets.stream().filter(this::registered).toList()));
        });
    }

    /** Each unit's last ticket day among tickets sorted by occurrence, sorted: units since a day by binary search. */
    private static double[] lastSeen(List<TicketPoint> sorted) {
        Map<String, Double> last = new HashMap<>();
        sorted.forEach(p -> last.put(p.unitId(), p.occurredDay()));
        return last.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private boolean registered(TicketPoint p) {
        return p.batch() != null && batches.containsKey(p.batch());
    }

    /** A ticket of a registered batch from before the batch was built is a data error, not a failure in service. */
    private boolean plausible(TicketPoint p) {
        BatchInfo batch = p.batch() == null ? null : batches.get(p.batch());
        return batch == null || p.occurredDay() >= batch.firstServiceDay();
    }

    List<TicketPoint> points() {
        return points;
    }

    /** The temperatures of the symptom's tickets across the component, sorted: what a cluster's band is judged by. */
    double[] symptomTemperatures(String symptom) {
        return symptomTemperatures.computeIfAbsent(symptom,
                s -> SignatureExtractor.sortedTemperatures(bySymptom.getOrDefault(s, List.of())));
    }

    Evidence evaluate(Signature signature) {
        double cellStart = cellStart(signature.cell());
        // Windows cut to the same start by a young cell are one test, not several.
        Map<Double, Integer> starts = new LinkedHashMap<>();
        for (int window : windows) {
            starts.putIfAbsent(Math.max(asOf - window, cellStart), window);
        }
        double penalty = starts.size() * Math.pow(conditionPenalty, signature.derivedConditions());
        Evidence best = null;
        for (Map.Entry<Double, Integer> start : starts.entrySet()) {
            Evidence evidence = evaluate(signature, start.getValue(), start.getKey(), penalty);
            if (evidence != null && (best == null || evidence.pValue() < best.pValue())) {
                best = evidence;
            }
        }
        return best;
    }

    private Evidence evaluate(Signature signature, int window, double start, double penalty) {
        Cell cell = signature.cell();
        if (asOf - start < 1) {
            return null;
        }
        List<TicketPoint> cellPeriod = since(cellPoints(cell), start);
        List<TicketPoint> members = cellPeriod.stream().filter(signature::isCase).toList();
        Set<String> caseUnits = new HashSet<>();
        members.forEach(p -> caseUnits.add(p.unitId()));
        int cases = caseUnits.size();
        if (cases == 0) {
            return null;
        }
        CellUnits counted = cellUnits.computeIfAbsent(new CellStart(cell, start), k -> countUnits(cell, cellPeriod, start));
        int cellUnits = counted.inCell();
        // Counts outside the cell: units since the start, less the cell's units seen only in the cell. A
        // temperature band is not indexed, so a banded signature counts its symptom's tickets one by one.
        boolean banded = signature.derivedConditions() > 0;
        Predicate<TicketPoint> hasSymptom = p -> p.symptom().equals(cell.symptom());
        Set<String> otherCaseUnits = new HashSet<>();
        Set<String> registeredCaseUnits = new HashSet<>();
        if (banded) {
            for (TicketPoint p : since(bySymptom.getOrDefault(cell.symptom(), List.of()), start)) {
                if (!cell.contains(p) && signature.isCase(p)) {
                    otherCaseUnits.add(p.unitId());
                    if (registered(p)) {
                        registeredCaseUnits.add(p.unitId());
                    }
                }
            }
        }
        int otherCases = banded ? otherCaseUnits.size()
                : unitsSince(lastSeenWithSymptom.get(cell.symptom()), start) - onlyInCell(caseUnits, cell, start, hasSymptom);
        int otherUnits = counted.outside();
        double share = Math.min(1.0, penalty * Statistics.fisherUpperTail(cases, cellUnits, otherCases, otherUnits));
        double shareExpected = cellUnits * (otherCases + 0.5) / (otherUnits + 1.0);

        BatchInfo batch = cell.kind() == Cell.Kind.BATCH ? batches.get(cell.key()) : null;
        double referenceExposure = batch == null ? 0 : referenceExposure(start) - batch.unitDays(start, asOf);
        if (batch == null || referenceExposure <= 0) {
            String against = "Fisher test of the symptom's share of units against the other "
                    + (cell.kind() == Cell.Kind.BATCH ? "batches" : "firmware versions") + ", same period";
            Evidence mix = cell.kind() == Cell.Kind.FIRMWARE
                    ? againstBaselineMix(signature, cases, cellUnits, share, penalty, window, against, members) : null;
            return mix != null ? mix : new Evidence(cases, shareExpected, share, window, against, members);
        }
        int referenceCases = banded ? registeredCaseUnits.size()
                : unitsSince(lastSeenWithSymptomInRegistered.get(cell.symptom()), start)
                - onlyInCell(caseUnits, cell, start, hasSymptom.and(this::registered));
        // The expectation shown; half a case of prior keeps it above zero when the reference has no case.
        double rate = (referenceCases + 0.5) / referenceExposure;
        double exposure = Math.max(batch.unitDays(start, asOf), batch.unitsProduced());
        double expected = rate * exposure;
        double excess = Math.min(1.0,
                penalty * Statistics.poissonRatioUpperTail(cases, referenceCases, exposure, referenceExposure));
        // Where the batch's life so far confirms its registered exposure, exposure carries the evidence and the
        // share test only has to clear a guard; otherwise both must carry it (an intersection-union test).
        boolean exposureAlone = share <= shareGuard && failsAsRegistered(cell);
        return new Evidence(cases, expected, exposureAlone ? excess : Math.max(share, excess), window,
                "Exact test of the rate per unit-day in service against the other registered batches"
                        + (exposureAlone ? " (the batch's history confirms its registered size)"
                        : "; Fisher test of the symptom's share against the other batches") + ", same period",
                members);
    }

    /**
     * Whether the batch's failures of the component's other symptoms over its whole life are in line with
     * its registered exposure. A batch larger than registered, or poorer in general, fails more in every
     * symptom alike, which a Poisson test against its registered size would mistake for a defect. The typical
     * batch's rate is the median over the batches (this one among them) weighted by unit-days, not the pooled
     * rate, so a few mis-registered batches cannot make every other batch look as registered; batches that
     * never reported a ticket of the component are left out (see {@link #referenceExposure}).
     */
    private boolean failsAsRegistered(Cell cell) {
        BatchInfo batch = batches.get(cell.key());
        if (batch.producedFrom() == null) {
            return false;
        }
        double typicalRate = typicalOtherSymptomRates.computeIfAbsent(cell.symptom(), symptom -> {
            List<double[]> rates = new ArrayList<>();
            for (BatchInfo b : batches.values()) {
                double unitDays = b.producedFrom() == null ? 0 : b.unitDays(b.firstServiceDay(), asOf);
                if (unitDays > 0 && history.reports(cell.component(), b.key())) {
                    rates.add(new double[]{history.otherSymptomUnits(cell.component(), b.key(), symptom) / unitDays, unitDays});
                }
            }
            return rates.isEmpty() ? Double.NaN : Statistics.weightedMedian(rates);
        });
        if (Double.isNaN(typicalRate)) {
            return false;
        }
        double expected = typicalRate * batch.unitDays(batch.firstServiceDay(), asOf);
        int observed = history.otherSymptomUnits(cell.component(), cell.key(), cell.symptom());
        return Statistics.poissonUpperTail(observed, expected) > HISTORY_LEVEL;
    }

    /**
     * A firmware version's symptom mix against the component's long-run mix (the baseline year before the
     * window), where that mix is known. A new version replaces the old one, so the versions beside it in the
     * same weeks are too few to compare with, while the long run knows the mix well; the version's units with
     * other symptoms stand for its exposure, and expected cases are those units at the long-run ratio. This
     * test carries the evidence, and the same-period share test has to clear a guard: a shift of the whole
     * fleet's mix — a season — passes the first but not the second, and the mirror image of another version's
     * excess (the old version's other symptoms, looking over-represented beside the faulty new one) passes the
     * second but not the first. Whole-cell signatures only: a temperature band's long-run share depends on the
     * season the baseline happened to cover.
     */
    private Evidence againstBaselineMix(Signature signature, int cases, int cellUnits, double share, double penalty,
                                        int window, String against, List<TicketPoint> members) {
        double baseline = history.baselineShare(signature.cell().component(), signature.cell().symptom());
        if (signature.derivedConditions() > 0 || Double.isNaN(baseline)) {
            return null;
        }
        double longRun = Math.min(1.0, penalty * Statistics.binomialUpperTail(cases, cellUnits, baseline));
        double expected = (cellUnits - cases) * baseline / (1 - baseline);
        return new Evidence(cases, expected, share <= FIRMWARE_SHARE_GUARD ? longRun : Math.max(share, longRun), window,
                "Binomial test of the version's symptom share against the component's long-run mix; "
                        + against, members);
    }

    private List<TicketPoint> cellPoints(Cell cell) {
        return (cell.kind() == Cell.Kind.BATCH ? byBatch : byFirmware).getOrDefault(cell.key(), List.of());
    }

    /** The tail of a list sorted by occurrence that occurred after {@code start}. */
    private static List<TicketPoint> since(List<TicketPoint> sorted, double start) {
        return sorted.subList(SortedSearch.firstAbove(sorted.size(), i -> sorted.get(i).occurredDay(), start), sorted.size());
    }

    private CellUnits countUnits(Cell cell, List<TicketPoint> cellPeriod, double start) {
        Set<String> inCell = new HashSet<>();
        cellPeriod.forEach(p -> inCell.add(p.unitId()));
        return new CellUnits(inCell.size(), unitsSince(lastSeen, start) - onlyInCell(inCell, cell, start, p -> true));
    }

    /** Units last seen after {@code start}, from a sorted array of last-seen days. */
    private static int unitsSince(double[] lastSeen, double start) {
        return lastSeen.length - SortedSearch.firstAbove(lastSeen, start);
    }

    /** Of these units, those without a {@code counted} ticket outside the cell after {@code start}. */
    private int onlyInCell(Set<String> units, Cell cell, double start, Predicate<TicketPoint> counted) {
        int only = 0;
        for (String unit : units) {
            if (byUnit.get(unit).stream().noneMatch(p -> p.occurredDay() > start && !cell.contains(p) && counted.test(p))) {
                only++;
            }
        }
        return only;
    }

    /**
     * Unit-days after {@code start} of the batches that reported any ticket of the component since then. A
     * registered batch whose shops send nothing (another market, a system not yet connected) would otherwise
     * count as a clean reference and make every reporting batch look worse than the fleet.
     */
    private double referenceExposure(double start) {
        return referenceExposures.computeIfAbsent(start, s -> {
            Set<String> reporting = new HashSet<>();
            since(points, s).forEach(p -> reporting.add(p.batch()));
            return batches.values().stream().filter(b -> reporting.contains(b.key())).mapToDouble(b -> b.unitDays(s, asOf)).sum();
        });
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
}

package com.defectradar.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The detection pipeline over one window of tickets, without I/O: cells pre-screened by counts, cases
 * clustered within promising cells, signatures derived, excesses tested, and the run's findings chosen
 * with false-alarm control across cells (Benjamini–Hochberg) and across runs (a per-test significance
 * level sized so that a month of scheduled runs stays within its false-alarm budget; see docs/detection.md).
 */
public final class Detector {

    /**
     * @param windowsDays        look-back windows tried for each signature; the largest bounds the data
     * @param minUnits           fewest distinct units a pattern needs
     * @param minRateRatio       smallest observed/expected ratio worth an engineer's time
     * @param falseDiscoveryRate Benjamini–Hochberg level across the signatures of one run
     * @param significance       largest adjusted p-value that may raise an alert
     * @param conditionPenalty   p-value factor for each condition derived from the data (temperature band)
     * @param shareGuard         level the share test must reach when a batch's exposure carries the evidence
     * @param clusterRadius      DBSCAN neighbourhood radius in Gower distance
     * @param maxClusterPoints   most cases clustered per cell, bounding memory and time
     * @param clusterScreenRatio a cell's cases are clustered when its rate ratio reaches this
     * @param earlyLifeDays      how long after its production start a registered batch counts as young
     * @param earlyLifeWeight    factor on the significance level (and weight in Benjamini–Hochberg) for a young batch
     */
    public record Settings(List<Integer> windowsDays, int minUnits, double minRateRatio, double falseDiscoveryRate,
                           double significance, double conditionPenalty, double shareGuard, double clusterRadius, int maxClusterPoints,
                           double clusterScreenRatio, int earlyLifeDays, double earlyLifeWeight) {

        int lookbackDays() {
            return windowsDays.stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
    }

    /** A confirmed pattern: what it is, the statistics behind it, and its batch when registered. */
    public record Finding(Signature signature, Evidence evidence, BatchInfo batch) {
    }

    public record Result(int ticketsConsidered, int candidateClusters, List<Finding> findings) {
    }

    private record Candidate(Signature signature, Evidence evidence) {
    }

    private final Settings settings;
    private final CellClustering clustering;

    public Detector(Settings settings) {
        this.settings = settings;
        this.clustering = new CellClustering(settings.minUnits(), settings.clusterRadius(), settings.maxClusterPoints());
    }

    /**
     * @param asOfDay the run's instant in epoch days; points after it are ignored
     * @param points  tickets of the look-back window
     * @param batches registered batches by key
     * @param history registered batches' failures over their lives up to asOfDay, and the components' baseline mix
     */
    public Result detect(double asOfDay, List<TicketPoint> points, Map<String, BatchInfo> batches, FleetHistory history) {
        double from = asOfDay - settings.lookbackDays();
        List<TicketPoint> window = points.stream().filter(p -> p.occurredDay() > from && p.occurredDay() <= asOfDay).toList();
        Map<String, Candidate> best = new LinkedHashMap<>();
        int clusters = 0;
        Map<String, List<TicketPoint>> byComponent = window.stream()
                .collect(Collectors.groupingBy(TicketPoint::component, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<TicketPoint>> component : byComponent.entrySet()) {
            ExcessTest test = excessTest(asOfDay, component.getKey(), component.getValue(), batches, history);
            for (Map.Entry<Cell, List<TicketPoint>> cell : cells(component.getKey(), test.points()).entrySet()) {
                clusters += examine(cell.getKey(), cell.getValue(), test, best);
            }
        }
        List<Candidate> candidates = new ArrayList<>(best.values());
        double[] weights = candidates.stream().mapToDouble(c -> weight(c.signature().cell(), batches, asOfDay)).toArray();
        boolean[] discovered = Statistics.weightedBenjaminiHochberg(
                candidates.stream().mapToDouble(c -> c.evidence().pValue()).toArray(), weights, settings.falseDiscoveryRate());
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (discovered[i] && reaches(c.evidence(), weights[i])) {
                Cell cell = c.signature().cell();
                findings.add(new Finding(c.signature(), c.evidence(),
                        cell.kind() == Cell.Kind.BATCH ? batches.get(cell.key()) : null));
            }
        }
        List<Finding> distinct = findings.stream()
                .filter(f -> !echoesBatches(f, findings, byComponent, batches, history, asOfDay))
                .sorted(Comparator.comparingDouble(f -> f.evidence().pValue())).toList();
        return new Result(window.size(), clusters, distinct);
    }

    private ExcessTest excessTest(double asOfDay, String component, List<TicketPoint> points, Map<String, BatchInfo> batches,
                                  FleetHistory history) {
        return new ExcessTest(asOfDay, settings.windowsDays(), settings.conditionPenalty(), settings.shareGuard(), points,
                batchesOf(component, points, batches), history);
    }

    /**
     * One defect, one alert: a firmware version's excess of a symptom is tested again without the batches confirmed
     * with that symptom in the same run. If it no longer reaches the level, it was those batches' defect seen
     * through the firmware their units run, and their alerts tell it.
     */
    private boolean echoesBatches(Finding finding, List<Finding> findings, Map<String, List<TicketPoint>> byComponent,
                                  Map<String, BatchInfo> batches, FleetHistory history, double asOfDay) {
        Cell cell = finding.signature().cell();
        if (cell.kind() != Cell.Kind.FIRMWARE) {
            return false;
        }
        Set<String> confirmed = findings.stream().map(f -> f.signature().cell())
                .filter(c -> c.kind() == Cell.Kind.BATCH && c.component().equals(cell.component()) && c.symptom().equals(cell.symptom()))
                .map(Cell::key).collect(Collectors.toSet());
        if (confirmed.isEmpty()) {
            return false;
        }
        List<TicketPoint> rest = byComponent.get(cell.component()).stream().filter(p -> !confirmed.contains(p.batch())).toList();
        Evidence again = excessTest(asOfDay, cell.component(), rest, batches, history).evaluate(finding.signature());
        return again == null || !reaches(again, weight(cell, batches, asOfDay));
    }

    /** Whether evidence raises an alert at a signature's share of the budget: level, units and rate ratio. */
    private boolean reaches(Evidence evidence, double weight) {
        return evidence.pValue() <= settings.significance() * weight && evidence.observed() >= settings.minUnits()
                && evidence.rateRatio() >= settings.minRateRatio();
    }

    /**
     * A signature's share of the false-alarm budget: a registered batch in its early life gets
     * {@code earlyLifeWeight} times the others'. Production defects surface early in a batch's life, when its
     * units are few and the evidence thin; a pattern in an older batch has had time to gather many cases.
     */
    private double weight(Cell cell, Map<String, BatchInfo> batches, double asOfDay) {
        BatchInfo batch = cell.kind() == Cell.Kind.BATCH ? batches.get(cell.key()) : null;
        return batch != null && asOfDay - batch.firstServiceDay() <= settings.earlyLifeDays() ? settings.earlyLifeWeight() : 1;
    }

    /**
     * Tests a cell as a whole and, when it looks elevated, each cluster of its cases; returns clusters found.
     */
    private int examine(Cell cell, List<TicketPoint> cases, ExcessTest test, Map<String, Candidate> best) {
        Evidence whole = offer(SignatureExtractor.ofCell(cell, cases), test, best);
        if (whole == null || whole.rateRatio() < settings.clusterScreenRatio()) {
            return 0;
        }
        List<List<TicketPoint>> groups = clustering.clusters(cases, cell.kind(), settings.lookbackDays());
        for (List<TicketPoint> group : groups) {
            if (ExcessTest.units(group) >= settings.minUnits()) {
                offer(SignatureExtractor.ofCluster(cell, group, test.symptomTemperatures(cell.symptom())), test, best);
            }
        }
        return groups.size();
    }

    private static Evidence offer(Signature signature, ExcessTest test, Map<String, Candidate> best) {
        Evidence evidence = test.evaluate(signature);
        if (evidence != null) {
            best.merge(signature.cell().signatureKey(), new Candidate(signature, evidence),
                    (a, b) -> a.evidence().pValue() <= b.evidence().pValue() ? a : b);
        }
        return evidence;
    }

    /** Cells with enough units of one symptom to ever reach the minimum (the count pre-screen), with their cases. */
    private Map<Cell, List<TicketPoint>> cells(String component, List<TicketPoint> points) {
        Map<Cell, List<TicketPoint>> cases = new HashMap<>();
        for (TicketPoint p : points) {
            if (p.batch() != null) {
                cases.computeIfAbsent(new Cell(component, p.symptom(), Cell.Kind.BATCH, p.batch()), k -> new ArrayList<>()).add(p);
            }
            if (p.firmware() != null) {
                cases.computeIfAbsent(new Cell(component, p.symptom(), Cell.Kind.FIRMWARE, p.firmware()), k -> new ArrayList<>()).add(p);
            }
        }
        Map<Cell, List<TicketPoint>> promising = new TreeMap<>(Comparator.comparing(Cell::signatureKey));
        cases.forEach((cell, tickets) -> {
            if (ExcessTest.units(tickets) >= settings.minUnits()) {
                promising.put(cell, tickets);
            }
        });
        return promising;
    }

    /** Registered batches of a component: those registered for it, and those its tickets name. */
    private static Map<String, BatchInfo> batchesOf(String component, List<TicketPoint> points, Map<String, BatchInfo> all) {
        Set<String> named = points.stream().map(TicketPoint::batch).filter(b -> b != null && all.containsKey(b))
                .collect(Collectors.toSet());
        return all.values().stream().filter(b -> component.equals(b.componentKey()) || named.contains(b.key()))
                .collect(Collectors.toMap(BatchInfo::key, b -> b));
    }
}

package com.defectradar.detection;

import smile.clustering.DBSCAN;
import smile.clustering.Partitioning;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds groups of similar cases inside one cell with Smile's DBSCAN over a Gower distance: tickets of one
 * batch (or one firmware) that also share firmware (or batch), weather, build period, age and time of
 * failure. A group's common conditions become candidate signatures. DBSCAN needs no number of clusters and
 * leaves isolated background tickets as noise, which is what a few cases among many tickets call for.
 */
final class CellClustering {

    /** Temperature differences up to this many °C still count as the same conditions. */
    static final double TEMPERATURE_RANGE = 30;
    static final double PRODUCTION_RANGE_DAYS = 180;
    static final double MILEAGE_RANGE_KM = 50_000;

    private final int minPoints;
    private final double radius;
    private final int maxPoints;

    CellClustering(int minPoints, double radius, int maxPoints) {
        this.minPoints = minPoints;
        this.radius = radius;
        this.maxPoints = maxPoints;
    }

    /**
     * Weights: weather and the other code carry most (a calibration fault shows in the cold, a release in
     * one firmware); timing next, so a burst stands apart from the background; model and region least,
     * because fleets mix them in every batch.
     */
    static GowerDistance distance(Cell.Kind kind, double windowDays) {
        List<GowerDistance.Categorical> codes = new ArrayList<>();
        codes.add(kind == Cell.Kind.BATCH
                ? new GowerDistance.Categorical("firmware", 1.5, TicketPoint::firmware)
                : new GowerDistance.Categorical("batch", 0.5, TicketPoint::batch));
        codes.add(new GowerDistance.Categorical("model", 0.5, TicketPoint::model));
        codes.add(new GowerDistance.Categorical("region", 0.5, TicketPoint::region));
        List<GowerDistance.Numeric> numbers = List.of(
                new GowerDistance.Numeric("temperature", 3.0, TEMPERATURE_RANGE, TicketPoint::temperature),
                new GowerDistance.Numeric("occurred", 1.0, windowDays, p -> p.occurredDay()),
                new GowerDistance.Numeric("production", 1.0, PRODUCTION_RANGE_DAYS, TicketPoint::productionDay),
                new GowerDistance.Numeric("mileage", 0.5, MILEAGE_RANGE_KM, TicketPoint::mileage));
        return new GowerDistance(codes, numbers);
    }

    /** The clusters among a cell's cases; the most recent cases when there are more than the bound. */
    List<List<TicketPoint>> clusters(List<TicketPoint> cases, Cell.Kind kind, double windowDays) {
        if (cases.size() < minPoints) {
            return List.of();
        }
        List<TicketPoint> bounded = cases.size() <= maxPoints ? cases
                : cases.stream().sorted((a, b) -> Double.compare(b.occurredDay(), a.occurredDay())).limit(maxPoints).toList();
        TicketPoint[] data = bounded.toArray(TicketPoint[]::new);
        Partitioning result = DBSCAN.fit(data, distance(kind, windowDays), minPoints, radius);
        List<List<TicketPoint>> clusters = new ArrayList<>();
        for (int k = 0; k < result.k(); k++) {
            clusters.add(new ArrayList<>());
        }
        for (int i = 0; i < data.length; i++) {
            int group = result.group(i);
            if (group >= 0 && group < result.k()) {
                clusters.get(group).add(data[i]);
            }
        }
        return clusters;
    }
}

package com.defectradar.detection;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Derives what a group of cases shares: the signature an alert is raised for. */
final class SignatureExtractor {

    /** A code shared by this share of the members characterises the group. */
    static final double DOMINANT_SHARE = 0.8;
    /** Margin around the members' temperatures, in °C: the band describes conditions, not the exact readings. */
    static final double BAND_MARGIN = 2.0;
    /** A band is a condition only if it leaves out at least this share of the symptom's other cases. */
    static final double BAND_SELECTIVITY = 0.3;

    private SignatureExtractor() {
    }

    /** The signature of a whole cell: its firmware (for a batch) when dominant, and its members' build period. */
    static Signature ofCell(Cell cell, List<TicketPoint> members) {
        return describe(cell, null, members);
    }

    /**
     * The signature of a cluster: as for the cell, plus a temperature band when the members have
     * temperatures and the band is selective among the symptom's cases across the component.
     */
    static Signature ofCluster(Cell cell, List<TicketPoint> members, double[] symptomTemperatures) {
        return describe(cell, band(members, symptomTemperatures), members);
    }

    private static Signature describe(Cell cell, Signature.Band band, List<TicketPoint> members) {
        String firmware = cell.kind() == Cell.Kind.BATCH ? dominant(members, TicketPoint::firmware) : null;
        LocalDate from = members.stream().map(TicketPoint::productionDay).filter(Objects::nonNull)
                .min(Double::compare).map(d -> LocalDate.ofEpochDay(d.longValue())).orElse(null);
        LocalDate to = members.stream().map(TicketPoint::productionDay).filter(Objects::nonNull)
                .max(Double::compare).map(d -> LocalDate.ofEpochDay(d.longValue())).orElse(null);
        return new Signature(cell, firmware, band, from, to);
    }

    /**
     * The members' temperature range without the extreme tenth at each end (DBSCAN chains a stray background
     * ticket into a dense group now and then), widened by the margin; null when it does not set the group
     * apart from the symptom's other cases.
     */
    static Signature.Band band(List<TicketPoint> members, double[] symptomTemperatures) {
        List<Double> temperatures = members.stream().map(TicketPoint::temperature).filter(Objects::nonNull).sorted().toList();
        if (temperatures.size() < DOMINANT_SHARE * members.size() || temperatures.isEmpty()) {
            return null;
        }
        int trim = temperatures.size() / 10;
        double min = Math.floor(temperatures.get(trim) - BAND_MARGIN);
        double max = Math.ceil(temperatures.get(temperatures.size() - 1 - trim) + BAND_MARGIN);
        Signature.Band band = new Signature.Band(min, max);
        int all = symptomTemperatures.length;
        long outside = all - SortedSearch.within(symptomTemperatures, min, max);
        return all == 0 || outside < BAND_SELECTIVITY * all ? null : band;
    }

    /** The temperatures of a symptom's cases across the component, sorted: what {@link #band} selects against. */
    static double[] sortedTemperatures(List<TicketPoint> cases) {
        return cases.stream().map(TicketPoint::temperature).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .sorted().toArray();
    }

    static String dominant(Collection<TicketPoint> members, Function<TicketPoint, String> code) {
        Map<String, Long> counts = members.stream().map(code).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() >= DOMINANT_SHARE * members.size())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}

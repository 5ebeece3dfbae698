package com.defectradar.detection;

import com.defectradar.common.Codes;
import com.defectradar.support.FleetSimulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Feeds a simulated fleet to the detector the way the service would: retries collapsed, codes as keys. */
final class SimulatedFleets {

    private SimulatedFleets() {
    }

    static List<TicketPoint> points(FleetSimulator.Fleet fleet) {
        List<TicketPoint> points = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        for (Map<String, Object> t : fleet.tickets()) {
            if (!stored.add(t.get("source") + "|" + t.get("ticketId"))) {
                continue;
            }
            points.add(new TicketPoint(points.size() + 1, (String) t.get("unitId"), key(t, "component"),
                    key(t, "symptomCode"), key(t, "productionBatch"), key(t, "firmwareVersion"), key(t, "model"),
                    key(t, "region"), ((Number) t.get("ambientTemperatureC")).doubleValue(),
                    (double) LocalDate.parse((String) t.get("productionDate")).toEpochDay(),
                    Instant.parse((String) t.get("occurredAt")).getEpochSecond() / 86400.0,
                    ((Number) t.get("mileageKm")).doubleValue()));
        }
        return points;
    }

    static Map<String, BatchInfo> batches(FleetSimulator.Fleet fleet) {
        return fleet.batches().stream().map(b -> new BatchInfo(Codes.key(b.batchId()), b.batchId(), b.component(),
                        b.unitsProduced(), b.producedFrom(), b.producedTo(), BigDecimal.valueOf(b.unitRecallCost()), "CNY"))
                .collect(Collectors.toMap(BatchInfo::key, Function.identity()));
    }

    /** Runs detection every {@code stepDays} over the year: every signature ever confirmed, with the day it first was. */
    static Map<String, Double> replay(FleetSimulator.Fleet fleet, Detector detector, int stepDays) {
        List<TicketPoint> points = points(fleet);
        Map<String, BatchInfo> batches = batches(fleet);
        Map<String, Double> alerts = new LinkedHashMap<>();
        double start = FleetSimulator.START.toEpochDay();
        for (double asOf = start + stepDays; asOf <= start + FleetSimulator.DAYS; asOf += stepDays) {
            double day = asOf;
            detector.detect(asOf, points, batches, FleetHistories.asOf(asOf, points, batches)).findings()
                    .forEach(f -> alerts.putIfAbsent(f.signature().cell().signatureKey(), day));
        }
        return alerts;
    }

    private static String key(Map<String, Object> ticket, String field) {
        return Codes.key((String) ticket.get(field));
    }
}

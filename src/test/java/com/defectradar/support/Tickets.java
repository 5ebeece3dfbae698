package com.defectradar.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Ticket bodies for tests: a valid ticket to start from, changed field by field. */
public final class Tickets {

    private Tickets() {
    }

    public static String uniqueSource() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static Map<String, Object> valid(String source, String ticketId) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("source", source);
        ticket.put("ticketId", ticketId);
        ticket.put("unitId", "VIN-" + ticketId);
        ticket.put("component", "battery");
        ticket.put("symptomCode", "RANGE_DROP");
        ticket.put("occurredAt", "2021-01-07T06:24:00Z");
        ticket.put("productionBatch", "BAT-2020-12-A");
        ticket.put("productionDate", "2020-12-14");
        ticket.put("firmwareVersion", "BMS-10.2");
        ticket.put("ambientTemperatureC", -14.5);
        ticket.put("model", "EV-S");
        ticket.put("serviceCenter", "beijing-1");
        ticket.put("region", "CN-BJ");
        ticket.put("mileageKm", 8200);
        ticket.put("description", "Range down 30 % on cold mornings");
        return ticket;
    }

    public static Map<String, Object> with(Map<String, Object> ticket, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(ticket);
        changed.put(field, value);
        return changed;
    }
}

package com.defectradar.detection;

/**
 * One ticket as detection sees it: the attributes the distance compares, with codes as comparison keys.
 * Numeric attributes are null when the ticket did not say; days are days since the epoch.
 */
public record TicketPoint(
        long ticketId,
        String unitId,
        String component,
        String symptom,
        String batch,
        String firmware,
        String model,
        String region,
        Double temperature,
        Double productionDay,
        double occurredDay,
        Double mileage) {
}

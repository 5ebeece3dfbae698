package com.defectradar.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A stored ticket as the API shows it. */
public record TicketView(
        Long id,
        String source,
        String ticketId,
        String unitId,
        String component,
        String symptomCode,
        Instant occurredAt,
        String productionBatch,
        LocalDate productionDate,
        String firmwareVersion,
        Double ambientTemperatureC,
        String model,
        String serviceCenter,
        String region,
        Double mileageKm,
        String description,
        Double laborHours,
        BigDecimal partsCost,
        String currency,
        Instant receivedAt) {

    public static TicketView of(Ticket t) {
        return new TicketView(t.id, t.source, t.ticketId, t.unitId, t.component, t.symptomCode, t.occurredAt,
                t.productionBatch, t.productionDate, t.firmwareVersion, t.ambientTemperatureC, t.model,
                t.serviceCenter, t.region, t.mileageKm, t.description, t.laborHours, t.partsCost, t.currency,
                t.receivedAt);
    }
}

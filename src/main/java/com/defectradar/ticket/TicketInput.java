package com.defectradar.ticket;

import com.defectradar.common.Sha256;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Stream;

/** A validated repair ticket as a shop sent it. */
public record TicketInput(
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
        String currency) {

    /** The idempotency key: a shop's ticket id is unique within its source system. */
    public TicketKey key() {
        return new TicketKey(source, ticketId);
    }

    /**
     * A digest of everything the ticket says, so a replay can be told from a changed resend without
     * comparing column by column.
     */
    public String contentHash() {
        String canonical = String.join("\u001f", Stream.of(source, ticketId, unitId, component, symptomCode,
                        occurredAt, productionBatch, productionDate, firmwareVersion, ambientTemperatureC, model,
                        serviceCenter, region, mileageKm, description, laborHours,
                        partsCost == null ? null : partsCost.stripTrailingZeros().toPlainString(), currency)
                .map(v -> Objects.toString(v, "\u0000")).toList());
        return HexFormat.of().formatHex(Sha256.of(canonical));
    }

    public record TicketKey(String source, String ticketId) {
    }
}

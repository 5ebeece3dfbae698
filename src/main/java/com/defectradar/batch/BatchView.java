package com.defectradar.batch;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A batch with the tickets reported against it so far. */
public record BatchView(String batchId, String component, int unitsProduced, LocalDate producedFrom,
                        LocalDate producedTo, BigDecimal unitRecallCost, String currency, long ticketCount,
                        double ticketsPer1000Units) {
}

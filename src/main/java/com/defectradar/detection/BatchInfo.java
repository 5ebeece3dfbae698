package com.defectradar.detection;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A registered production batch, as detection needs it. */
public record BatchInfo(String key, String batchId, String componentKey, int unitsProduced, LocalDate producedFrom,
                        LocalDate producedTo, BigDecimal unitRecallCost, String currency) {

    /** First day a unit of the batch can be on the road; tickets before it are data errors, not failures. */
    double firstServiceDay() {
        return producedFrom == null ? Double.NEGATIVE_INFINITY : producedFrom.toEpochDay();
    }

    double unitDays(double fromDay, double toDay) {
        return Exposure.unitDays(unitsProduced, producedFrom, producedTo, fromDay, toDay);
    }
}

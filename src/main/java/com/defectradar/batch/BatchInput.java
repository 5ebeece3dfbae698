package com.defectradar.batch;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A batch as manufacturing registers it. */
public record BatchInput(String component, Integer unitsProduced, LocalDate producedFrom, LocalDate producedTo,
                         BigDecimal unitRecallCost, String currency) {
}

package com.defectradar.batch;

import com.defectradar.common.JsonFields;
import com.defectradar.web.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Validates a batch registration, listing every bad field. */
final class BatchParser {

    static final int CODE_LENGTH = 64;

    private BatchParser() {
    }

    static BatchInput parse(JsonNode node) {
        if (!node.isObject()) {
            throw ProblemException.invalid("$", "must be a JSON object");
        }
        JsonFields f = new JsonFields(node, "");
        String component = f.optionalText("component", CODE_LENGTH);
        Integer units = f.requiredInteger("unitsProduced", 1, 100_000_000);
        LocalDate from = f.optionalDate("producedFrom");
        LocalDate to = f.optionalDate("producedTo");
        if (from != null && to != null && to.isBefore(from)) {
            f.reject("producedTo", "must not be before producedFrom");
        }
        BigDecimal recallCost = f.optionalDecimal("unitRecallCost", BigDecimal.ZERO, new BigDecimal("100000000"), 4);
        String currency = f.optionalText("currency", 3);
        if (currency != null && !currency.matches("[A-Za-z]{3}")) {
            f.reject("currency", "must be a three-letter ISO 4217 code such as CNY");
        }
        if (!f.errors().isEmpty()) {
            throw ProblemException.invalid("The batch has " + f.errors().size() + " invalid field(s).", f.errors());
        }
        return new BatchInput(component, units, from, to, recallCost, currency);
    }
}

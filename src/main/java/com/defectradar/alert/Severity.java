package com.defectradar.alert;

import java.math.BigDecimal;

/** How urgently engineering should look: the strength of the excess, its size, and the money at stake. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    static final BigDecimal CRITICAL_COST = new BigDecimal("50000000");
    static final BigDecimal HIGH_COST = new BigDecimal("5000000");

    /**
     * Points for each of the three dimensions, so that a large excess in many units with a costly recall
     * ranks above a marginal excess in three units of a cheap part.
     */
    public static Severity of(double rateRatio, int units, BigDecimal recallCost) {
        int points = 0;
        points += rateRatio >= 20 ? 2 : rateRatio >= 5 ? 1 : 0;
        points += units >= 20 ? 2 : units >= 6 ? 1 : 0;
        if (recallCost != null) {
            points += recallCost.compareTo(CRITICAL_COST) >= 0 ? 2 : recallCost.compareTo(HIGH_COST) >= 0 ? 1 : 0;
        }
        return points >= 5 ? CRITICAL : points >= 3 ? HIGH : points >= 2 ? MEDIUM : LOW;
    }
}

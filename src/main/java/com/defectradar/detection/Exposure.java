package com.defectradar.detection;

import java.time.LocalDate;

/**
 * Unit-days in service of a production batch within a time span. Units enter service evenly over the
 * production period (a batch still being built has only part of its units on the road); without a
 * production period, all units count as in service throughout, which errs towards a larger expectation.
 */
public final class Exposure {

    private Exposure() {
    }

    /** Unit-days of a batch between fromDay (exclusive) and toDay (inclusive), both in epoch days. */
    public static double unitDays(int unitsProduced, LocalDate producedFrom, LocalDate producedTo,
                                  double fromDay, double toDay) {
        if (toDay <= fromDay) {
            return 0;
        }
        if (producedFrom == null) {
            return unitsProduced * (toDay - fromDay);
        }
        double start = producedFrom.toEpochDay();
        double end = Math.max(start + 1, (producedTo == null ? producedFrom : producedTo).toEpochDay() + 1.0);
        return unitsProduced * (servedFraction(start, end, toDay) - servedFraction(start, end, fromDay));
    }

    /** ∫ of the share of units in service from the start of production up to day t, in days. */
    private static double servedFraction(double start, double end, double t) {
        if (t <= start) {
            return 0;
        }
        double ramp = end - start;
        if (t <= end) {
            return (t - start) * (t - start) / (2 * ramp);
        }
        return ramp / 2 + (t - end);
    }
}

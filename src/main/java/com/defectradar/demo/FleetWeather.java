package com.defectradar.demo;

import java.util.random.RandomGenerator;

/** The draws an invented fleet is made of: a seasonal climate and failures that arrive at random. */
public final class FleetWeather {

    private FleetWeather() {
    }

    /** Seasonal climate around a region's mean, coldest mid-January, with day-to-day weather. */
    public static double temperature(double regionMeanC, int dayOfYear, RandomGenerator random) {
        double season = Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.0);
        return regionMeanC - 12 * season + random.nextGaussian() * 3;
    }

    /** A Poisson draw (Knuth's method; means here are small). */
    public static int poisson(double mean, RandomGenerator random) {
        double limit = Math.exp(-mean);
        int k = 0;
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}

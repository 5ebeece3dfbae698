package com.defectradar.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pinned to scipy.stats (poisson.sf, fisher_exact with alternative='greater'); Smile's gamma is good to ~1e-11. */
class StatisticsTest {

    @Test
    void poissonUpperTail() {
        assertEquals(6.611710561034244e-06, Statistics.poissonUpperTail(5, 0.25), 1e-15);
        assertEquals(0.8646647167633873, Statistics.poissonUpperTail(1, 2.0), 1e-12);
        assertEquals(0.003314944264632366, Statistics.poissonUpperTail(10, 3.5), 1e-10);
        assertEquals(1.0, Statistics.poissonUpperTail(0, 3.5));
        assertEquals(0.0, Statistics.poissonUpperTail(2, 0.0));
    }

    @Test
    void poissonRatioUpperTail() {
        // scipy.stats.binom.sf(k - 1, n, exposure / (exposure + referenceExposure))
        assertEquals(3.256872822434222e-05, Statistics.poissonRatioUpperTail(5, 5, 0.25, 5.5), 1e-15);
        assertEquals(0.052972138, Statistics.poissonRatioUpperTail(3, 6, 1, 9), 1e-9);
        assertEquals(0.875, Statistics.poissonRatioUpperTail(1, 2, 1, 1), 1e-12);
        assertEquals(1.0, Statistics.poissonRatioUpperTail(0, 2, 1, 1));
    }

    @Test
    void weightedMedian() {
        // values 1, 2, 10 with weights 1, 1, 3: half the weight (2.5) is reached at 10
        assertEquals(10.0, Statistics.weightedMedian(List.of(new double[]{2, 1}, new double[]{10, 3}, new double[]{1, 1})));
        // equal weights: the lower middle value
        assertEquals(2.0, Statistics.weightedMedian(List.of(new double[]{3, 1}, new double[]{1, 1}, new double[]{2, 1}, new double[]{4, 1})));
    }

    @Test
    void binomialUpperTail() {
        // scipy.stats.binom.sf(k - 1, n, p)
        assertEquals(3.26310489172855e-05, Statistics.binomialUpperTail(84, 111, 0.57), 1e-12);
        assertEquals(0.0701908264, Statistics.binomialUpperTail(3, 10, 0.1), 1e-10);
        assertEquals(0.0, Statistics.binomialUpperTail(11, 10, 0.1));
        assertEquals(1.0, Statistics.binomialUpperTail(0, 10, 0.1));
    }

    @Test
    void logFactorialOnBothSidesOfItsTable() {
        // math.lgamma(n + 1)
        assertEquals(6071.28041294445, Statistics.logFactorial(1023), 1e-9);
        assertEquals(6078.211884750051, Statistics.logFactorial(1024), 1e-9);
        assertEquals(1051299.221899122, Statistics.logFactorial(100_000), 1e-7);
        assertEquals(0.0, Statistics.logFactorial(0));
    }

    @Test
    void fisherUpperTail() {
        assertEquals(0.0002063300171568304, Statistics.fisherUpperTail(5, 16, 5, 206), 1e-12);
        assertEquals(3.119031507207561e-05, Statistics.fisherUpperTail(14, 22, 54, 268), 1e-12);
        assertEquals(0.6261890009838867, Statistics.fisherUpperTail(3, 10, 30, 100), 1e-10);
        assertEquals(1.0, Statistics.fisherUpperTail(0, 10, 30, 100));
    }

    @Test
    void benjaminiHochberg() {
        // sorted 0.005, 0.01, 0.03, 0.04 against 0.0125, 0.025, 0.0375, 0.05: the largest rank passing is 4
        assertArrayEquals(new boolean[]{true, true, true, true},
                Statistics.benjaminiHochberg(new double[]{0.01, 0.04, 0.03, 0.005}, 0.05));
        assertArrayEquals(new boolean[]{true, true, true, false},
                Statistics.benjaminiHochberg(new double[]{0.01, 0.02, 0.03, 0.5}, 0.05));
        // sorted 0.011, 0.03, 0.9 against 0.0125, 0.025, 0.0375: only the first passes
        assertArrayEquals(new boolean[]{false, true, false},
                Statistics.benjaminiHochberg(new double[]{0.03, 0.011, 0.9}, 0.0375));
        assertArrayEquals(new boolean[]{false, false},
                Statistics.benjaminiHochberg(new double[]{0.02, 0.03}, 0.01));
    }

    @Test
    void weightedBenjaminiHochberg() {
        // equal weights: plain BH
        assertArrayEquals(Statistics.benjaminiHochberg(new double[]{0.01, 0.02, 0.03, 0.5}, 0.05),
                Statistics.weightedBenjaminiHochberg(new double[]{0.01, 0.02, 0.03, 0.5}, new double[]{2, 2, 2, 2}, 0.05));
        // 0.02 is no discovery alone: 0.02 > 1·0.05/4
        assertArrayEquals(new boolean[]{false, false, false, false},
                Statistics.benjaminiHochberg(new double[]{0.02, 0.2, 0.3, 0.4}, 0.05));
        // weights 5,1,1,1 average 2: 0.02·2/5 = 0.008 ≤ 0.0125; the others double to 0.4, 0.6, 0.8
        assertArrayEquals(new boolean[]{true, false, false, false},
                Statistics.weightedBenjaminiHochberg(new double[]{0.02, 0.2, 0.3, 0.4}, new double[]{5, 1, 1, 1}, 0.05));
    }
}

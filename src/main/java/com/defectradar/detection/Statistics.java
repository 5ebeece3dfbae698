package com.defectradar.detection;

import smile.math.special.Gamma;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The distributions and multiple-testing rules detection relies on, in one place. */
public final class Statistics {

    private Statistics() {
    }

    /** P(X ≥ k) for X ~ Poisson(mean): the chance of seeing at least k cases when mean were expected. */
    public static double poissonUpperTail(int k, double mean) {
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        // P(X >= k) = P(k, mean), the regularized lower incomplete gamma function.
        return clamp(Gamma.regularizedIncompleteGamma(k, mean));
    }

    /**
     * Exact conditional test of two Poisson rates: given n = cases + referenceCases, P(X ≥ cases) for
     * X ~ Binomial(n, exposure share of the cell). Unlike a Poisson test against a rate estimated from the
     * reference, it stays honest when the reference itself has few cases.
     */
    public static double poissonRatioUpperTail(int cases, int referenceCases, double exposure, double referenceExposure) {
        return binomialUpperTail(cases, cases + referenceCases, exposure / (exposure + referenceExposure));
    }

    /** P(X ≥ k) for X ~ Binomial(n, p). */
    public static double binomialUpperTail(int k, int n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || p <= 0) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        // Terms summed outward from k, each from the one before; the side away from the mean is the short one,
        // and the log-factorial makes the first term cheap (a general incomplete beta costs O(n) per call here).
        double odds = p / (1 - p);
        double first = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
        if (k > n * p) {
            double sum = 0;
            double term = first;
            for (int x = k; x <= n && term > sum * 1e-17; x++) {
                sum += term;
                term *= (double) (n - x) / (x + 1) * odds;
            }
            return clamp(sum);
        }
        double below = 0;
        double term = first;
        for (int x = k; x > 0 && term > below * 1e-17; x--) {
            term *= x / ((double) (n - x + 1) * odds);
            below += term;
        }
        return clamp(1 - below);
    }

    /** The weighted median of {value, weight} pairs: the value at which half the total weight is reached. */
    public static double weightedMedian(List<double[]> valueWeights) {
        List<double[]> sorted = valueWeights.stream().sorted(Comparator.comparingDouble(v -> v[0])).toList();
        double half = sorted.stream().mapToDouble(v -> v[1]).sum() / 2;
        double cumulative = 0;
        for (double[] v : sorted) {
            cumulative += v[1];
            if (cumulative >= half) {
                return v[0];
            }
        }
        return Double.NaN;
    }

    /**
     * One-sided Fisher exact test on a 2×2 table: P(X ≥ a) where X is the number of cases among n cell
     * members when a + others cases fall at random over n + rest members (hypergeometric upper tail).
     *
     * @param a     cell members with the symptom
     * @param n     cell members
     * @param other reference members with the symptom
     * @param rest  reference members
     */
    public static double fisherUpperTail(int a, int n, int other, int rest) {
        int cases = a + other;
        int population = n + rest;
        int max = Math.min(n, cases);
        if (a <= 0) {
            return 1.0;
        }
        if (a > max) {
            return 0.0;
        }
        double logDenominator = logChoose(population, n);
        double sum = 0;
        for (int k = a; k <= max; k++) {
            sum += Math.exp(logChoose(cases, k) + logChoose(population - cases, n - k) - logDenominator);
        }
        return clamp(sum);
    }

    private static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** Exact sums up to here; Stirling's series beyond, good to ~1e-16 relative there. */
    private static final int LOG_FACTORIAL_TABLE = 1024;
    private static final double[] LOG_FACTORIALS = new double[LOG_FACTORIAL_TABLE];

    static {
        for (int i = 1; i < LOG_FACTORIAL_TABLE; i++) {
            LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1] + Math.log(i);
        }
    }

    /**
     * ln(n!) in constant time. The Fisher tail needs it six times per term over thousands of terms, and the
     * general log-gamma sums logarithms for integer arguments, which made it most of a large run's time.
     */
    static double logFactorial(int n) {
        if (n < LOG_FACTORIAL_TABLE) {
            return LOG_FACTORIALS[n];
        }
        double x = n;
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260 - inverseSquared / 1680)));
    }

    /**
     * Benjamini–Hochberg: which of the p-values are discoveries at false-discovery rate q.
     * The largest rank i with p(i) ≤ i·q/m and every smaller p-value are discoveries.
     */
    public static boolean[] benjaminiHochberg(double[] pValues, double q) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        int cutoff = -1;
        for (int rank = 0; rank < m; rank++) {
            if (pValues[order[rank]] <= (rank + 1) * q / m) {
                cutoff = rank;
            }
        }
        boolean[] discovered = new boolean[m];
        for (int rank = 0; rank <= cutoff; rank++) {
            discovered[order[rank]] = true;
        }
        return discovered;
    }

    /**
     * Weighted Benjamini–Hochberg (Genovese, Roeder and Wasserman, 2006): each p-value divided by its weight,
     * the weights scaled to average one so the false-discovery rate stays at q. A weight is a prior share of the
     * error budget: a hypothesis more likely to be false a priori gets more of it, the others less.
     */
    public static boolean[] weightedBenjaminiHochberg(double[] pValues, double[] weights, double q) {
        double mean = Arrays.stream(weights).average().orElse(1);
        double[] weighted = new double[pValues.length];
        for (int i = 0; i < weighted.length; i++) {
            weighted[i] = pValues[i] * mean / weights[i];
        }
        return benjaminiHochberg(weighted, q);
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}

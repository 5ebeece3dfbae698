package com.defectradar.detection;

import java.util.function.IntToDoubleFunction;

/** Binary search over values sorted ascending: how detection counts "since a day" and "within a band". */
final class SortedSearch {

    private SortedSearch() {
    }

    /** The index of the first of {@code size} sorted values above {@code value}; {@code size} when none is. */
    static int firstAbove(int size, IntToDoubleFunction valueAt, double value) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (valueAt.applyAsDouble(middle) > value) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    static int firstAbove(double[] sorted, double value) {
        return firstAbove(sorted.length, i -> sorted[i], value);
    }

    /** How many sorted values lie in [min, max]. */
    static int within(double[] sorted, double min, double max) {
        return firstAbove(sorted, max) - firstAbove(sorted, Math.nextDown(min));
    }
}

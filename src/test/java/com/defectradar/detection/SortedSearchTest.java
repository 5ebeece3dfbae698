package com.defectradar.detection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SortedSearchTest {

    private static final double[] DAYS = {1, 2, 2, 2, 5};

    @Test
    void firstAboveSkipsEqualValues() {
        assertEquals(0, SortedSearch.firstAbove(DAYS, 0.5));
        assertEquals(4, SortedSearch.firstAbove(DAYS, 2));
        assertEquals(5, SortedSearch.firstAbove(DAYS, 5));
        assertEquals(0, SortedSearch.firstAbove(new double[0], 1));
    }

    @Test
    void withinCountsBothEnds() {
        assertEquals(4, SortedSearch.within(DAYS, 1, 2));
        assertEquals(3, SortedSearch.within(DAYS, 2, 4.9));
        assertEquals(0, SortedSearch.within(DAYS, 3, 4));
        assertEquals(5, SortedSearch.within(DAYS, -10, 10));
    }
}

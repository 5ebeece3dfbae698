package com.defectradar.digest;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestWeekTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void anyDayNamesItsIsoWeekMondayToSunday() {
        for (String day : new String[] {"2021-01-11", "2021-01-13", "2021-01-17"}) {
            DigestWeek week = DigestWeek.of(LocalDate.parse(day), UTC);
            assertEquals(LocalDate.parse("2021-01-11"), week.monday(), day);
            assertEquals(LocalDate.parse("2021-01-17"), week.sunday(), day);
            assertEquals(Instant.parse("2021-01-11T00:00:00Z"), week.start());
            assertEquals(Instant.parse("2021-01-18T00:00:00Z"), week.end());
        }
        assertEquals(LocalDate.parse("2021-01-18"), DigestWeek.of(LocalDate.parse("2021-01-18"), UTC).monday());
    }

    @Test
    void boundariesAreMidnightInTheConfiguredZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        DigestWeek week = DigestWeek.of(LocalDate.parse("2021-01-13"), berlin);
        assertEquals(Instant.parse("2021-01-10T23:00:00Z"), week.start());
        // Sunday 23:30 UTC is already Monday in Berlin: the next week
        assertEquals(LocalDate.parse("2021-01-18"),
                DigestWeek.containing(Instant.parse("2021-01-17T23:30:00Z"), berlin).monday());
        // a week across the switch to summer time is 167 hours long
        DigestWeek dst = DigestWeek.of(LocalDate.parse("2021-03-24"), berlin);
        assertEquals(167, java.time.Duration.between(dst.start(), dst.end()).toHours());
    }

    @Test
    void theDueWeekTurnsOverAtTheConfiguredDayAndHour() {
        DayOfWeek monday = DayOfWeek.MONDAY;
        assertEquals(LocalDate.parse("2021-01-04"),
                DigestWeek.latestDue(Instant.parse("2021-01-18T07:59:59Z"), UTC, monday, 8).monday());
        assertEquals(LocalDate.parse("2021-01-11"),
                DigestWeek.latestDue(Instant.parse("2021-01-18T08:00:00Z"), UTC, monday, 8).monday());
        assertEquals(LocalDate.parse("2021-01-11"),
                DigestWeek.latestDue(Instant.parse("2021-01-24T23:00:00Z"), UTC, monday, 8).monday());
        // Wednesday 06:00 in New York (11:00 UTC in January): the week before is due from then on
        ZoneId newYork = ZoneId.of("America/New_York");
        assertEquals(LocalDate.parse("2021-01-04"),
                DigestWeek.latestDue(Instant.parse("2021-01-20T10:59:00Z"), newYork, DayOfWeek.WEDNESDAY, 6).monday());
        assertEquals(LocalDate.parse("2021-01-11"),
                DigestWeek.latestDue(Instant.parse("2021-01-20T11:00:00Z"), newYork, DayOfWeek.WEDNESDAY, 6).monday());
    }

    @Test
    void aWeekHasEndedAtItsLastInstantNotBefore() {
        DigestWeek week = DigestWeek.of(LocalDate.parse("2021-01-11"), UTC);
        assertFalse(week.hasEnded(Instant.parse("2021-01-17T23:59:59Z")));
        assertTrue(week.hasEnded(Instant.parse("2021-01-18T00:00:00Z")));
    }
}

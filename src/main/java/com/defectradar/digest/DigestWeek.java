package com.defectradar.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The week a digest reports on: ISO week, Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive) in the
 * configured zone. Its digest is due at the first configured weekday and hour at or after the week's end.
 */
public record DigestWeek(LocalDate monday, ZoneId zone) {

    public static DigestWeek of(LocalDate anyDay, ZoneId zone) {
        return new DigestWeek(anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
    }

    public static DigestWeek containing(Instant instant, ZoneId zone) {
        return of(instant.atZone(zone).toLocalDate(), zone);
    }

    /** The latest week whose digest is due at {@code now}: the one the schedule should have sent by now. */
    public static DigestWeek latestDue(Instant now, ZoneId zone, DayOfWeek day, int hour) {
        DigestWeek previous = containing(now, zone).minusWeeks(1);
        return previous.dueAt(day, hour).isAfter(now) ? previous.minusWeeks(1) : previous;
    }

    public Instant start() {
        return monday.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }

    /** When the scheduled digest of this week goes out. */
    public Instant dueAt(DayOfWeek day, int hour) {
        LocalDate sendDay = monday.plusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
        return sendDay.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant();
    }

    public DigestWeek minusWeeks(int weeks) {
        return new DigestWeek(monday.minusWeeks(weeks), zone);
    }

    public boolean hasEnded(Instant now) {
        return !now.isBefore(end());
    }
}

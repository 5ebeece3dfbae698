package com.defectradar.demo;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/** Where the demo stands, for the dashboard's banner and the log. */
@ApplicationScoped
public class DemoStatus {

    public enum Phase { OFF, LOADING_HISTORY, STREAMING, FINISHED, FAILED }

    /** A consistent view of the demo: the simulated day and the stream's bounds. */
    public record Snapshot(Phase phase, LocalDate day, LocalDate streamFrom, LocalDate streamTo, int ticketsSent,
                           int alertsOpened, LocalDate firstAlertOn) {

        public long dayNumber() {
            return day == null || streamFrom == null ? 0 : day.toEpochDay() - streamFrom.toEpochDay() + 1;
        }

        public long days() {
            return streamFrom == null || streamTo == null ? 0 : streamTo.toEpochDay() - streamFrom.toEpochDay() + 1;
        }
    }

    private volatile Snapshot snapshot = new Snapshot(Phase.OFF, null, null, null, 0, 0, null);

    public Snapshot snapshot() {
        return snapshot;
    }

    void set(Snapshot next) {
        snapshot = next;
    }
}

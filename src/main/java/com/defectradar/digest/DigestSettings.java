package com.defectradar.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weekly digest configuration ({@code radar.digest.*}). SMTP itself is Quarkus' {@code quarkus.mailer.*}.
 * Checked at start by {@link DigestSettingsCheck}, so a typo stops the service instead of a Monday e-mail.
 */
@ConfigMapping(prefix = "radar.digest")
public interface DigestSettings {

    /** Day the digest of the week before goes out, in {@link #zone()}. */
    @WithDefault("MONDAY")
    DayOfWeek day();

    /** Hour (0–23) it goes out on that day, in {@link #zone()}. */
    @WithDefault("8")
    int hour();

    /** Time zone of the schedule and of the week boundaries (weeks run Monday 00:00 to Monday 00:00). */
    @WithDefault("UTC")
    ZoneId zone();

    /**
     * How often every instance checks whether a digest is due or a failed send is up for retry ("off"
     * disables sending on schedule; manual sends still work). Read by {@link DigestSchedule}.
     */
    @WithDefault("1m")
    String checkEvery();

    /** The default recipient list. Without it, alerts no route claims are not mailed to anyone. */
    Optional<List<String>> recipients();

    /**
     * Routing by component: {@code radar.digest.routes."battery"=battery-team@example.com,bms-lead@example.com}.
     * Each route is its own recipient list, gets its own e-mail, and sees only its component's alerts.
     */
    Map<String, List<String>> routes();

    /** What the default list sees: only alerts no route claims ({@code UNROUTED}) or every alert ({@code ALL}). */
    @WithDefault("UNROUTED")
    DefaultScope defaultListGets();

    /** Send a digest with no alerts in any section ("nothing needs you this week")? */
    @WithDefault("false")
    boolean sendEmpty();

    /** An OPEN alert nobody acknowledged for more than this many days (at the week's end) is listed. */
    @WithDefault("7")
    int unacknowledgedDays();

    /** Escalating: the ticket count at the week's end is at least (1 + this) times the count at its start. */
    @WithDefault("0.5")
    double escalationGrowth();

    /** Where readers reach the service; alert links start with it. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * Path of an alert's link under {@link #baseUrl()}, {@code {id}} standing for the alert id. The API today;
     * {@code /alerts/{id}} once the dashboard is deployed.
     */
    @WithDefault("/api/v1/alerts/{id}")
    String alertPath();

    /** Start of the e-mail's subject line. */
    @WithDefault("Defect Radar weekly digest")
    String subject();

    Retry retry();

    interface Retry {
        /** Wait after the first failed send; it doubles with every further failure. */
        @WithDefault("1m")
        Duration initialBackoff();

        /** Longest wait between two attempts. Attempts never stop: a digest is sent late rather than dropped. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** From this many failed attempts on, each failure is logged as an error rather than a warning. */
        @WithDefault("5")
        int errorAfterAttempts();
    }

    enum DefaultScope { UNROUTED, ALL }
}

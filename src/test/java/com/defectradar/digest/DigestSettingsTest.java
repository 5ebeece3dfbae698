package com.defectradar.digest;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration as SmallRye reads it from properties, and what the start-up check refuses. */
class DigestSettingsTest {

    private static DigestSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DigestSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(DigestSettings.class);
    }

    @Test
    void defaultsAreMondayEightUtcAndNobodyToMail() {
        DigestSettings settings = settings(Map.of());
        assertEquals(DayOfWeek.MONDAY, settings.day());
        assertEquals(8, settings.hour());
        assertEquals(ZoneOffset.UTC.normalized(), settings.zone().normalized());
        assertEquals(7, settings.unacknowledgedDays());
        assertEquals(0.5, settings.escalationGrowth());
        assertFalse(settings.sendEmpty());
        assertEquals(Duration.ofMinutes(1), settings.retry().initialBackoff());
        assertEquals(Duration.ofHours(1), settings.retry().maxBackoff());
        assertTrue(Routing.of(settings).deliverable().isEmpty());
        assertEquals(List.of(), DigestSettingsCheck.problems(settings, Routing.of(settings)));
    }

    @Test
    void routesAreReadPerComponentWithTheirAddressLists() {
        DigestSettings settings = settings(Map.of(
                "radar.digest.recipients", "eng-managers@example.com, Quality Lead <quality@example.com>",
                "radar.digest.routes.\"battery\"", "battery-team@example.com,bms-lead@example.com",
                "radar.digest.routes.\"power.electronics\"", "pe@example.com",
                "radar.digest.day", "wednesday",
                "radar.digest.zone", "Europe/Berlin",
                "radar.digest.default-list-gets", "all"));
        Routing routing = Routing.of(settings);
        assertEquals(List.of("default", "component:battery", "component:power.electronics"),
                routing.deliverable().stream().map(RecipientList::name).toList());
        assertEquals(List.of("battery-team@example.com", "bms-lead@example.com"),
                routing.find("battery").orElseThrow().addresses());
        assertEquals(DayOfWeek.WEDNESDAY, settings.day());
        assertEquals(DigestSettings.DefaultScope.ALL, settings.defaultListGets());
        assertEquals(List.of(), DigestSettingsCheck.problems(settings, routing));
    }

    @Test
    void mistakesStopTheServiceFromStarting() {
        DigestSettings settings = settings(Map.of(
                "radar.digest.hour", "24",
                "radar.digest.alert-path", "/alerts/",
                "radar.digest.base-url", "radar.example.com",
                "radar.digest.routes.battery", "battery-team.example.com",
                "radar.digest.retry.initial-backoff", "2h"));
        List<String> problems = DigestSettingsCheck.problems(settings, Routing.of(settings));
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("radar.digest.hour"), problems.toString());
        assertTrue(problems.getLast().contains("'battery-team.example.com'"), problems.toString());
    }
}

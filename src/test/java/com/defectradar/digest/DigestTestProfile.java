package com.defectradar.digest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Recipient lists for the digest tests: a default list of two and a battery route. */
public class DigestTestProfile implements QuarkusTestProfile {

    static final String MANAGER = "eng-managers@example.com";
    static final String QUALITY = "quality-lead@example.com";
    static final String BATTERY_TEAM = "battery-team@example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.digest.recipients", MANAGER + "," + QUALITY,
                "radar.digest.routes.\"Battery\"", BATTERY_TEAM,
                "radar.digest.base-url", "https://radar.example.com/",
                "radar.digest.alert-path", "/alerts/{id}",
                "radar.digest.retry.initial-backoff", "2m",
                "radar.digest.retry.max-backoff", "10m");
    }
}

package com.defectradar.support;

/**
 * The bootstrap keys of the test profile (src/test/resources/application.properties), one per role.
 * Tests authenticate as admin unless they send another key: see {@link AdminKeyByDefault}.
 */
public final class TestKeys {

    public static final String ADMIN = "test-admin-key-4f1c2a9e7b3d";
    public static final String ENGINEER = "test-engineer-key-8d2e6b1a9c4f";
    public static final String REPORTER = "test-reporter-key-3a7f9c2e5b1d";

    private TestKeys() {
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}

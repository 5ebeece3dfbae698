package com.defectradar.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapKeysTest {

    private static BootstrapKeys of(String... entries) {
        return new BootstrapKeys(() -> Optional.of(List.of(entries)));
    }

    @Test
    void eachEntryGivesItsRole() {
        BootstrapKeys keys = of("admin:a-long-admin-key-000000", " Engineer : eng:with:colons ", "reporter:r-key-0000000000000000");
        assertEquals("admin", keys.match("a-long-admin-key-000000").orElseThrow().role());
        assertEquals("engineer", keys.match("eng:with:colons").orElseThrow().role());
        assertEquals("reporter", keys.match("r-key-0000000000000000").orElseThrow().role());
        assertTrue(keys.match("a-long-admin-key-00000").isEmpty());
        assertTrue(keys.match("").isEmpty());
        assertTrue(keys.match("r-key-0000000000000000").orElseThrow().source() == null, "bootstrap keys are unbound");
    }

    @Test
    void noneConfiguredMeansNoKeys() {
        assertTrue(new BootstrapKeys(Optional::empty).match("anything").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root:secret-value-1234567890", "secret-value-1234567890", "admin:", "admin: "})
    void malformedEntriesStopTheStartWithoutShowingTheKey(String entry) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> of("admin:fine-key-000000000000", entry));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
    }

    @Test
    void bearerHeadersAreReadLeniently() {
        assertEquals("k", ApiKeyAuthenticationMechanism.bearerKey("Bearer k"));
        assertEquals("k", ApiKeyAuthenticationMechanism.bearerKey("bearer   k "));
        assertEquals(null, ApiKeyAuthenticationMechanism.bearerKey("Bearer "));
        assertEquals(null, ApiKeyAuthenticationMechanism.bearerKey("Bearerk"));
        assertEquals(null, ApiKeyAuthenticationMechanism.bearerKey("Basic k"));
        assertEquals(null, ApiKeyAuthenticationMechanism.bearerKey(null));
    }

    @Test
    void issuedKeysParseBackAndOthersDoNot() {
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue();
        ApiKeySecrets.Presented presented = ApiKeySecrets.parse(issued.key()).orElseThrow();
        assertEquals(issued.id(), presented.id());
        assertTrue(ApiKeySecrets.sameHash(issued.hash(), ApiKeySecrets.hash(issued.salt(), presented.secret())));
        assertFalse(issued.toString().contains(presented.secret()));
        assertTrue(ApiKeySecrets.parse("dr_UPPERCASEIDXXXXX_secret").isEmpty());
        assertTrue(ApiKeySecrets.parse("dr_aaaaaaaaaaaaaaaa_").isEmpty());
        assertTrue(ApiKeySecrets.parse("test-admin-key").isEmpty());
    }
}

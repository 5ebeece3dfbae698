package com.defectradar.security;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An API key as the admin API shows it. {@code key} is present only in the answer to its creation: the
 * service keeps nothing it could show again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(String id, String name, String role, String source, Instant createdAt, Instant revokedAt,
                      String key) {

    static KeyView of(ApiKeyStore.StoredKey stored) {
        return new KeyView(stored.id(), stored.name(), stored.role(), stored.source(), stored.createdAt(),
                stored.revokedAt(), null);
    }
}

package com.defectradar.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * An API key taken from {@code Authorization: Bearer}. Our own request type (rather than Quarkus' token
 * request) so no other identity provider, e.g. a JWT one added later, competes for it.
 */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest"; // never the key
    }
}

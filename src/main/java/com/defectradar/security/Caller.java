package com.defectradar.security;

/**
 * Who a valid key belongs to: its id (the principal name), its role and, for reporter keys, the source it is
 * bound to (null when unbound).
 */
public record Caller(String keyId, String role, String source) {
}

package com.defectradar.security;

import java.util.Set;

/**
 * The three roles of API.md "Access". Annotations list every role an operation admits (admin included), so
 * an operation's audience is read off its annotation without knowing a hierarchy.
 */
public final class Roles {

    /** Shop systems: write tickets, read back tickets (only their source's, when the key is bound to one). */
    public static final String REPORTER = "reporter";
    /** Engineering: read everything, alert transitions, detection runs. */
    public static final String ENGINEER = "engineer";
    /** Everything, including batches, digests and keys. */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(REPORTER, ENGINEER, ADMIN);

    private Roles() {
    }
}

package com.defectradar.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Turns an API key into an identity with one role; bootstrap keys first (memory), then issued keys (database). */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The identity attribute holding the {@link Caller}. */
    static final String CALLER = "radar.caller";

    private final BootstrapKeys bootstrapKeys;
    private final ApiKeyStore store;

    public ApiKeyIdentityProvider(BootstrapKeys bootstrapKeys, ApiKeyStore store) {
        this.bootstrapKeys = bootstrapKeys;
        this.store = store;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        // the database lookup blocks, so it runs on a worker thread
        return context.runBlocking(() -> identity(find(request.key())
                .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API key"))));
    }

    private Optional<Caller> find(String key) {
        Optional<Caller> bootstrap = bootstrapKeys.match(key);
        if (bootstrap.isPresent()) {
            return bootstrap;
        }
        return ApiKeySecrets.parse(key).flatMap(store::authenticate);
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.keyId()))
                .addRole(caller.role())
                .addAttribute(CALLER, caller)
                .build();
    }
}

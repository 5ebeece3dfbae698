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

/**
 * Turns an API key into an identity with one role: bootstrap keys and issued keys seen before from memory, on
 * the I/O thread; others from the database, on a worker thread.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The identity attribute holding the {@link Caller}. */
    static final String CALLER = "radar.caller";

    private final BootstrapKeys bootstrapKeys;
    private final ApiKeyStore store;
    private final ApiKeyCache cache;

    public ApiKeyIdentityProvider(BootstrapKeys bootstrapKeys, ApiKeyStore store, ApiKeyCache cache) {
        this.bootstrapKeys = bootstrapKeys;
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        Optional<Caller> known = bootstrapKeys.match(key).or(() -> cache.kept(key));
        if (known.isPresent()) {
            return Uni.createFrom().item(identity(known.get()));
        }
        // the database lookup blocks, so it runs on a worker thread
        return context.runBlocking(() -> identity(cache.get(key, () -> ApiKeySecrets.parse(key).flatMap(store::authenticate))
                .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API key"))));
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.keyId()))
                .addRole(caller.role())
                .addAttribute(CALLER, caller)
                .build();
    }
}

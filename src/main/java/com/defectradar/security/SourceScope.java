package com.defectradar.security;

import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.Optional;

/**
 * What a reporter key bound to one source may touch: tickets of that source only. Other callers (unbound
 * reporter keys, engineers, admins) are not limited by source.
 */
@ApplicationScoped
public class SourceScope {

    private final SecurityIdentity identity;

    public SourceScope(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The source the caller's key is bound to, if any. */
    public Optional<String> boundSource() {
        Caller caller = identity.getAttribute(ApiKeyIdentityProvider.CALLER);
        return caller == null ? Optional.empty() : Optional.ofNullable(caller.source());
    }

    /** 403 unless the caller may write tickets of {@code source}. */
    public void requireWritable(String source) {
        boundSource().filter(bound -> !bound.equals(source)).ifPresent(bound -> {
            throw forbidden("This API key is bound to source '" + bound + "' and cannot write tickets of source '"
                    + source + "'; nothing was stored.");
        });
    }

    /**
     * The source filter a ticket listing must use: the bound source for a bound key (a request for another
     * source is refused), otherwise what was asked for.
     */
    public String readableSource(String requested) {
        Optional<String> bound = boundSource();
        if (bound.isEmpty()) {
            return requested;
        }
        if (requested != null && !requested.equals(bound.get())) {
            throw forbidden("This API key is bound to source '" + bound.get() + "' and reads only its tickets.");
        }
        return bound.get();
    }

    /** Whether the caller may see a ticket of {@code source}; callers hide the others as not found. */
    public boolean canRead(String source) {
        return boundSource().map(bound -> Objects.equals(bound, source)).orElse(true);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}

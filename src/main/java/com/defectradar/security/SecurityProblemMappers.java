package com.defectradar.security;

import com.defectradar.web.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Problem+json for the security exceptions. Authentication is not proactive (see application.properties),
 * so these reach the REST layer and its mappers instead of Vert.x's bare challenge.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("This operation needs an API key: send Authorization: Bearer <key>.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        if (causedByDatabase(e)) {
            // not the client's fault: telling it its key is wrong would make it give up instead of retrying
            Log.warnf("API key lookup failed, database unavailable: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(503, "database-unavailable", "Service unavailable",
                            "The database cannot be reached right now, so the API key cannot be checked. Retry later."))
                    .build();
        }
        return unauthorized("The API key is unknown or revoked.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "forbidden", "Forbidden", "This API key's role does not allow this operation."))
                .build();
    }

    private static Response unauthorized(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE.headerContent)
                .entity(Problem.of(401, "unauthorized", "Unauthorized", detail)).build();
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiKeyStore.KeyStoreException || cause instanceof SQLTransientConnectionException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}

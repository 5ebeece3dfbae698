package com.defectradar.security;

import com.defectradar.web.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem+json for the security exceptions. Authentication is not proactive (see application.properties),
 * so these reach the REST layer and its mappers instead of Vert.x's bare challenge.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("This operation needs an API key: send Authorization: Bearer <key>.");
    }

    /** An unknown or revoked key. (A key store that cannot be reached is a 503 from ProblemMappers instead.) */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
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
}

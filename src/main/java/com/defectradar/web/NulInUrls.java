package com.defectradar.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * PostgreSQL text cannot hold a NUL character, so a path or query parameter with one could only end as a
 * database error (500). No parameter of this API can meaningfully contain one: refuse it up front, for every
 * endpoint, present and future.
 */
public class NulInUrls {

    @ServerRequestFilter(preMatching = true)
    public Response refuseNul(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        if (containsNul(uri.getRawPath()) || containsNul(uri.getRawQuery())) {
            return ProblemMappers.respond(Problem.invalid("The URL contains a NUL character (%00).",
                    List.of(new FieldError("url", "must not contain NUL characters"))));
        }
        return null;
    }

    private static boolean containsNul(String raw) {
        return raw != null && raw.contains("%00");
    }
}

package com.defectradar.alert;

import com.defectradar.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes refused transitions as problem+json with their extension members. */
public class TransitionProblemMapper {

    @ServerExceptionMapper
    public Response refused(TransitionProblem.Refused e) {
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(e.problem()).build();
    }
}

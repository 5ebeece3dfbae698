package com.defectradar.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body announced (Content-Length) as larger than {@code quarkus.http.limits.max-body-size} with a
 * 413 problem document. Quarkus' own check, which runs right after this one, answers with an empty body. Either
 * way the connection is closed, so the rest of the body is never read. A chunked body that grows past the
 * limit is still cut off by Quarkus (bare 413 and close): by then the answer has to be written mid-upload.
 */
@ApplicationScoped
public class TransportLimit {

    private final long maxBodyBytes;
    private final byte[] problem;

    public TransportLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                          MemorySize maxBodySize, ObjectMapper mapper) throws JsonProcessingException {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.problem = mapper.writeValueAsBytes(ProblemException.tooLarge(
                "The body is larger than the " + maxBodyBytes + " bytes this service accepts; nothing was read or stored.").problem());
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(done -> context.request().connection().close())
                    .end(io.vertx.core.buffer.Buffer.buffer(problem));
            return;
        }
        context.next();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed Content-Length
        }
    }
}

package com.defectradar.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Turns every failure into problem+json. Clients get what they can act on; stack traces and SQL stay in the log.
 */
public class ProblemMappers {

    private static final String RETRY_AFTER_SECONDS = "5";
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
    /**
     * Agroal's message when no connection could be had within quarkus.datasource.jdbc.acquisition-timeout (pool
     * exhausted, or connecting hangs); it carries no SQLState, so the message is all there is to recognise.
     */
    static final String AGROAL_ACQUISITION_TIMEOUT = "Sorry, acquisition timeout!";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The body is not valid JSON: " + e.getOriginalMessage()));
    }

    /**
     * Reading the body failed: the client went away, or a chunked body outgrew the transport limit (then
     * Quarkus has already answered 413 and closed the connection). Nothing of ours is broken: no error log.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        Log.debugf("Request body could not be read: %s", e.getMessage());
        return "Request too large".equals(e.getMessage())
                ? respond(ProblemException.tooLarge(describe(413)).problem())
                : respond(Problem.of(400, "unreadable-body", "Bad request", "The request body could not be read."));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return respond(Problem.of(status, "http-" + status, reason, describe(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            Log.warnf("Database unavailable: %s", e.getMessage());
            // a write may have been stored or not (the commit itself may have failed); tickets and batches are
            // idempotent, so the retry this asks for is safe
            return databaseUnavailable("The database cannot be reached right now. Retry later; repeating a ticket "
                    + "or batch write is safe.");
        }
        Log.error("Unexpected failure while serving a request", e);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request failed on our side; it has been logged."));
    }

    /** 503 with Retry-After: the client did nothing wrong and should simply try again. */
    public static Response databaseUnavailable(String detail) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Problem.of(503, "database-unavailable", "Service unavailable", detail)).build();
    }

    /**
     * Whether a failure means the database cannot be used right now: no connection (SQLState class 08, or no
     * pooled connection within the acquisition timeout), or PostgreSQL shutting down, crashed or still starting
     * (57P01..57P03).
     * Suppressed exceptions count too: a failed commit reports the connection's failure only as one of those.
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(e);
        while (!pending.isEmpty()) {
            Throwable failure = pending.pop();
            if (!seen.add(failure)) {
                continue;
            }
            if (failure instanceof SQLTransientConnectionException
                    || (failure instanceof SQLException sql && (unavailableState(sql.getSQLState())
                    || AGROAL_ACQUISITION_TIMEOUT.equals(sql.getMessage())))) {
                return true;
            }
            if (failure.getCause() != null) {
                pending.push(failure.getCause());
            }
            for (Throwable suppressed : failure.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "The requested media type cannot be produced; ask for application/json.";
            case 413 -> "The body is larger than this endpoint accepts.";
            case 415 -> "Unsupported Content-Type; send application/json (or application/x-ndjson where documented).";
            default -> "The request could not be served.";
        };
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

package com.defectradar.alert;

import com.defectradar.ticket.TicketPage;
import jakarta.annotation.security.RolesAllowed;
import com.defectradar.security.Roles;
import com.defectradar.web.JsonBodies;
import com.defectradar.web.Problem;
import com.defectradar.web.QueryParams;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Confirmed defect patterns for engineering")
@RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
public class AlertResource {

    static final String LIST_DESCRIPTION = """
            Filters: `status` (comma-separated, default `OPEN,ACKNOWLEDGED`), `component`, `productionBatch` \
            (codes compare case-insensitively after trimming), `updatedSince` (changes strictly after this instant). \
            `limit` 1..500, default 100.

            **Order and cursor.** Newest change first: by `updatedAt`, then `id`, both descending. `nextCursor` \
            continues after the last alert shown. Alert changes are committed in `updatedAt` order, so a traversal \
            shows every alert that does not change while you page exactly once, and no alert twice. An alert that \
            changes while you page moves to the front, ahead of your first page: it is left out of the remaining \
            pages (you may have seen its old state on an earlier page).

            **Polling.** Every page carries the traversal's `snapshotAt` (the same on all its pages). When the \
            traversal is done, poll `updatedSince=<snapshotAt>` and page through that: it returns every alert \
            changed since, including the ones that changed while you paged. Then repeat with the new snapshotAt. \
            Nothing is missed this way. An alert may come twice, once per change, which is a newer version, not a duplicate.

            **ETag.** Every answer carries an `ETag` that describes the filtered alerts (count and newest change) and \
            the request. Send it back as `If-None-Match`: while nothing the request covers has changed the answer \
            is `304 Not Modified` without a body, found from an index without reading any alert.""";

    static final String TRANSITION_EXAMPLE = """
            {"actor": "li.wei@example.com", "note": "Cell supplier informed, 8D report 2021-017 opened."}""";

    private final AlertService alerts;
    private final AlertWorkflow workflow;
    private final AlertStream stream;
    private final JsonBodies bodies;
    private final ObjectMapper mapper;

    public AlertResource(AlertService alerts, AlertWorkflow workflow, AlertStream stream, JsonBodies bodies,
                         ObjectMapper mapper) {
        this.alerts = alerts;
        this.workflow = workflow;
        this.stream = stream;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Alerts, newest change first; cheap to poll with If-None-Match", description = LIST_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of alerts",
            headers = @Header(name = "ETag", description = "Send back as If-None-Match"),
            content = @Content(schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "304", description = "Nothing this request covers changed since the ETag sent")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@QueryParam("status") String status,
                         @QueryParam("component") String component,
                         @QueryParam("productionBatch") String productionBatch,
                         @QueryParam("updatedSince") String updatedSince,
                         @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor,
                         @Context Request request) {
        AlertService.AlertQuery query = new AlertService.AlertQuery(AlertService.statuses(status),
                QueryParams.text(component), QueryParams.text(productionBatch),
                QueryParams.instant("updatedSince", updatedSince));
        AlertService.ListRequest listRequest = new AlertService.ListRequest(query, QueryParams.limit(limit, 100, 500),
                QueryParams.text(cursor));
        AlertService.ListVersion version = alerts.version(listRequest);
        EntityTag etag = new EntityTag(version.etag());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        // no-cache: caches may keep the answer but must revalidate it with the ETag, which is cheap.
        if (unchanged != null) {
            return unchanged.tag(etag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
        }
        return Response.ok(alerts.page(listRequest, version)).tag(etag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: every alert change as it is committed",
            description = """
                    Events: `ready` once the subscription is registered (changes after it are delivered); `alert` \
                    for each change, data `{"change": "OPENED|UPDATED|REOPENED|ACKNOWLEDGED|RESOLVED|DISMISSED", \
                    "changedAt", "alert": {Alert}}`, event id = changedAt; `ping` every 25 s while quiet. \
                    Changes of every instance are delivered (PostgreSQL LISTEN/NOTIFY), after commit, in commit \
                    order. Events are not replayed: after a reconnect, poll `GET /api/v1/alerts?updatedSince=<last \
                    event id>&status=OPEN,ACKNOWLEDGED,RESOLVED,DISMISSED` to catch up. A client that reads too slowly \
                    is disconnected rather than buffered without bound.""")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return stream.subscribe().map(message -> sse.newEventBuilder()
                .name(message.name())
                .id(message.id())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, json(message.data()))
                .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its signature, statistics, exposure and history")
    @APIResponse(responseCode = "404", description = "No such alert",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView get(@PathParam("id") String id) {
        return alerts.get(QueryParams.id(id));
    }

    @GET
    @Path("/{id}/tickets")
    @Operation(summary = "The alert's member tickets, the evidence",
            description = "In storage order; limit 1..1000, default 100; nextCursor continues after the last ticket shown.")
    @APIResponse(responseCode = "404", description = "No such alert",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TicketPage tickets(@PathParam("id") String id, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return alerts.tickets(QueryParams.id(id), QueryParams.limit(limit, 100, 1000), QueryParams.text(cursor));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge: someone is on it (from OPEN)",
            description = "The alert keeps collecting evidence while acknowledged.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransitionRequest.class),
            examples = @ExampleObject(name = "acknowledge", value = TRANSITION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The acknowledged alert",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, every bad field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not possible from the current status, or changed concurrently; "
            + "currentStatus and allowedTransitions say what is possible now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = TransitionProblem.class)))
    public AlertView acknowledge(@PathParam("id") String id, byte[] body) {
        return transition(id, AlertTransition.ACKNOWLEDGE, body);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve: fixed (from OPEN or ACKNOWLEDGED)",
            description = "Detection reopens it if matching failures occur after this moment.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransitionRequest.class),
            examples = @ExampleObject(name = "resolve", value = TRANSITION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The resolved alert",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, every bad field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not possible from the current status (e.g. DISMISSED), or "
            + "changed concurrently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = TransitionProblem.class)))
    public AlertView resolve(@PathParam("id") String id, byte[] body) {
        return transition(id, AlertTransition.RESOLVE, body);
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dismiss: not a defect worth pursuing (from OPEN or ACKNOWLEDGED)",
            description = "Detection reopens it only once its ticket count has at least doubled since the dismissal.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransitionRequest.class),
            examples = @ExampleObject(name = "dismiss", value = TRANSITION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The dismissed alert",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, every bad field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not possible from the current status, or changed concurrently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = TransitionProblem.class)))
    public AlertView dismiss(@PathParam("id") String id, byte[] body) {
        return transition(id, AlertTransition.DISMISS, body);
    }

    private AlertView transition(String id, AlertTransition transition, byte[] body) {
        TransitionRequest request = TransitionRequest.parse(bodies.parse(body, TransitionRequest.MAX_BODY_BYTES));
        return workflow.apply(QueryParams.id(id), transition, request);
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a stream event", e);
        }
    }
}

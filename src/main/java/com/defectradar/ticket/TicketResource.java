package com.defectradar.ticket;

import com.defectradar.security.Roles;
import com.defectradar.security.SourceScope;
import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import com.defectradar.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.concurrent.CompletionStage;

@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets", description = "Repair tickets written by shop systems")
public class TicketResource {

    static final String NDJSON = "application/x-ndjson";
    private static final String EXAMPLE = """
            {"source": "shop-cn-bj", "ticketId": "T-2021-0107-001", "unitId": "LSV1234567890",
             "component": "battery", "symptomCode": "RANGE_DROP", "occurredAt": "2021-01-07T06:24:00Z",
             "productionBatch": "BAT-2020-12-A", "productionDate": "2020-12-14", "firmwareVersion": "BMS-10.2",
             "ambientTemperatureC": -14.5, "model": "EV-S", "serviceCenter": "beijing-1", "region": "CN-BJ",
             "mileageKm": 8200, "description": "Range down 30 % on cold mornings", "laborHours": 1.5,
             "partsCost": 0, "currency": "CNY"}""";

    private final TicketService tickets;
    private final TicketBodies bodies;
    private final SourceScope scope;

    public TicketResource(TicketService tickets, TicketBodies bodies, SourceScope scope) {
        this.tickets = tickets;
        this.bodies = bodies;
        this.scope = scope;
    }

    @POST
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one repair ticket",
            description = "Idempotent per (source, ticketId): a replay with the same content answers 200 and stores "
                    + "nothing; the same key with other content answers 409. Bodies over 64 KB answer 413. "
                    + "A reporter key bound to a source gets 403 for a ticket of another source.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TicketInput.class), examples = @ExampleObject(name = "battery", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "200", description = "Replay of a stored ticket; nothing new stored")
    @APIResponse(responseCode = "400", description = "Invalid ticket, every bad field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Same (source, ticketId) stored with other content",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> report(byte[] body, @Context UriInfo uri) {
        // not blocking: the body is read and checked on the I/O thread, the ticket waits for its group's commit
        // without holding a thread (TicketGroups)
        TicketInput ticket = bodies.single(body);
        scope.requireWritable(ticket.source());
        return tickets.ingest(ticket).thenApply(result -> result.outcome() == IngestOutcome.CREATED
                ? Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(result.ticket().id())).build())
                        .entity(result.ticket()).build()
                : Response.ok(result.ticket()).build());
    }

    @POST
    @Path("/batch")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "Report up to 10,000 tickets at once",
            description = "A JSON array, or NDJSON with Content-Type application/x-ndjson. Valid tickets are stored "
                    + "even when others are rejected; each rejection names its index and fields. A body that is not "
                    + "JSON answers 400 and one over 16 MB or 10,000 tickets answers 413, with nothing stored. For a reporter key "
                    + "bound to a source, a batch with any valid ticket of another source answers 403, nothing stored.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketInput[].class),
                    examples = @ExampleObject(name = "array", value = "[" + EXAMPLE + "]")),
            @Content(mediaType = NDJSON, examples = @ExampleObject(name = "ndjson",
                    value = "{\"source\":\"shop-1\",\"ticketId\":\"A1\",\"unitId\":\"U1\",\"component\":\"battery\",\"symptomCode\":\"RANGE_DROP\",\"occurredAt\":\"2021-01-07\"}\n"))})
    @APIResponse(responseCode = "200", description = "Per-item outcome",
            content = @Content(schema = @Schema(implementation = BatchIngestResult.class)))
    public BatchIngestResult reportBatch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
        List<TicketParser.Result> items = ndjson ? bodies.ndjson(body) : bodies.jsonArray(body);
        // another source's ticket from a bound key is a misconfigured shop system or worse: refuse it all,
        // loudly, rather than report it among data-quality rejections
        items.stream().filter(TicketParser.Valid.class::isInstance)
                .map(item -> ((TicketParser.Valid) item).ticket().source()).distinct()
                .forEach(scope::requireWritable);
        return tickets.ingest(items);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REPORTER, Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "One stored ticket",
            description = "A reporter key bound to a source sees only that source's tickets; others answer 404.")
    public TicketView get(@PathParam("id") String id) {
        TicketView ticket = tickets.get(QueryParams.id(id));
        if (!scope.canRead(ticket.source())) {
            // 404 rather than 403: a shop need not learn which ids other shops' tickets have
            throw ProblemException.notFound("No ticket with id " + ticket.id() + ".");
        }
        return ticket;
    }

    @GET
    @RolesAllowed({Roles.REPORTER, Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Stored tickets, filtered, a page at a time",
            description = "Ordered by storage; pass nextCursor as cursor for the next page. Codes match "
                    + "case-insensitively; from/to bound occurredAt (inclusive). limit: 1..1000, default 100. "
                    + "A reporter key bound to a source lists only that source (asking for another answers 403).")
    public TicketPage list(@QueryParam("productionBatch") String productionBatch,
                           @QueryParam("component") String component,
                           @QueryParam("symptomCode") String symptomCode,
                           @QueryParam("source") String source,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        TicketService.TicketQuery query = new TicketService.TicketQuery(productionBatch, component, symptomCode,
                QueryParams.instant("from", from), QueryParams.instant("to", to),
                scope.readableSource(QueryParams.text(source)));
        return tickets.list(query, QueryParams.limit(limit, 100, 1000), QueryParams.text(cursor));
    }
}

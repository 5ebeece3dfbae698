package com.defectradar.ticket;

import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import com.defectradar.web.QueryParams;
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

    public TicketResource(TicketService tickets, TicketBodies bodies) {
        this.tickets = tickets;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one repair ticket",
            description = "Idempotent per (source, ticketId): a replay with the same content answers 200 and stores "
                    + "nothing; the same key with other content answers 409. Bodies over 64 KB answer 413.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TicketInput.class), examples = @ExampleObject(name = "battery", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "200", description = "Replay of a stored ticket; nothing new stored")
    @APIResponse(responseCode = "400", description = "Invalid ticket, every bad field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Same (source, ticketId) stored with other content",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(byte[] body, @Context UriInfo uri) {
        TicketService.SingleResult result = tickets.ingest(bodies.single(body));
        if (result.outcome() instanceof IngestOutcome.Created) {
            return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(result.ticket().id())).build())
                    .entity(result.ticket()).build();
        }
        return Response.ok(result.ticket()).build();
    }

    @POST
    @Path("/batch")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "Report up to 10,000 tickets at once",
            description = "A JSON array, or NDJSON with Content-Type application/x-ndjson. Valid tickets are stored "
                    + "even when others are rejected; each rejection names its index and fields. A body that is not "
                    + "JSON answers 400 and one over 16 MB or 10,000 tickets answers 413, with nothing stored.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketInput[].class),
                    examples = @ExampleObject(name = "array", value = "[" + EXAMPLE + "]")),
            @Content(mediaType = NDJSON, examples = @ExampleObject(name = "ndjson",
                    value = "{\"source\":\"shop-1\",\"ticketId\":\"A1\",\"unitId\":\"U1\",\"component\":\"battery\",\"symptomCode\":\"RANGE_DROP\",\"occurredAt\":\"2021-01-07\"}\n"))})
    @APIResponse(responseCode = "200", description = "Per-item outcome",
            content = @Content(schema = @Schema(implementation = BatchIngestResult.class)))
    public BatchIngestResult reportBatch(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
        return tickets.ingest(ndjson ? bodies.ndjson(body) : bodies.jsonArray(body));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One stored ticket")
    public TicketView get(@PathParam("id") String id) {
        return tickets.get(QueryParams.id(id));
    }

    @GET
    @Operation(summary = "Stored tickets, filtered, a page at a time",
            description = "Ordered by storage; pass nextCursor as cursor for the next page. Codes match "
                    + "case-insensitively; from/to bound occurredAt (inclusive). limit: 1..1000, default 100.")
    public TicketPage list(@QueryParam("productionBatch") String productionBatch,
                           @QueryParam("component") String component,
                           @QueryParam("symptomCode") String symptomCode,
                           @QueryParam("source") String source,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        TicketService.TicketQuery query = new TicketService.TicketQuery(productionBatch, component, symptomCode,
                QueryParams.instant("from", from), QueryParams.instant("to", to), QueryParams.text(source));
        return tickets.list(query, QueryParams.limit(limit, 100, 1000), QueryParams.text(cursor));
    }
}

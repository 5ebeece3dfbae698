package com.defectradar.batch;

import com.defectradar.security.Roles;
import com.defectradar.web.JsonBodies;
import com.defectradar.web.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/batches/{batchId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Production batches", description = "Units produced per batch, the exposure behind failure rates")
public class BatchResource {

    private static final int MAX_BYTES = 64 * 1024;

    private final BatchService batches;
    private final JsonBodies bodies;

    public BatchResource(BatchService batches, JsonBodies bodies) {
        this.batches = batches;
        this.bodies = bodies;
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace a production batch",
            description = "unitsProduced is required; batch ids match tickets case-insensitively.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchInput.class), examples = @ExampleObject(name = "battery batch", value = """
            {"component": "battery", "unitsProduced": 8000, "producedFrom": "2020-12-01", "producedTo": "2020-12-31",
             "unitRecallCost": 15000, "currency": "CNY"}""")))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@PathParam("batchId") String batchId, byte[] body) {
        BatchService.Registration registration = batches.register(batchId, BatchParser.parse(bodies.parse(body, MAX_BYTES)));
        return Response.status(registration.created() ? 201 : 200).entity(registration.batch()).build();
    }

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "A registered batch with its ticket count and tickets per 1,000 units")
    public BatchView get(@PathParam("batchId") String batchId) {
        return batches.get(batchId);
    }
}

package com.defectradar.security;

import com.defectradar.web.JsonBodies;
import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API for API keys: issue (the key is shown once), list (never secrets), revoke (effective at once). */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "API keys", description = "Issue, list and revoke API keys (admin)")
public class KeyResource {

    private static final int MAX_BYTES = 16 * 1024;

    private final ApiKeyStore store;
    private final ApiKeyCache cache;
    private final JsonBodies bodies;

    public KeyResource(ApiKeyStore store, ApiKeyCache cache, JsonBodies bodies) {
        this.store = store;
        this.cache = cache;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key",
            description = "role is reporter, engineer or admin; a reporter key may be bound to one source, and then "
                    + "writes and reads only that source's tickets. The answer is the only place the key ever appears.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyRequest.class), examples = @ExampleObject(name = "shop uploader", value = """
            {"role": "reporter", "name": "shop-cn-bj uploader", "source": "shop-cn-bj"}""")))
    @APIResponse(responseCode = "201", description = "Issued; key holds the secret, shown this once",
            content = @Content(schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(byte[] body, @Context UriInfo uri) {
        KeyRequest request = KeyRequest.parse(bodies.parse(body, MAX_BYTES));
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue();
        KeyView stored = KeyView.of(store.insert(issued, request.name(), request.role(), request.source()));
        Log.infof("API key %s issued: role %s, source %s", stored.id(), stored.role(), stored.source());
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id()).build())
                .entity(new KeyView(stored.id(), stored.name(), stored.role(), stored.source(), stored.createdAt(),
                        null, issued.key()))
                .build();
    }

    @GET
    @Operation(summary = "All issued keys, revoked ones included, without secrets",
            description = "Bootstrap keys from radar.auth.bootstrap-keys live in the configuration and are not listed.")
    public KeyList list() {
        return new KeyList(store.list().stream().map(KeyView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One issued key, without its secret")
    public KeyView get(@PathParam("id") String id) {
        return store.find(knownShape(id)).map(KeyView::of)
                .orElseThrow(() -> ProblemException.notFound("No API key with id '" + id + "'."));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key", description = "Takes effect with the next request on every instance. "
            + "Revoking a revoked key again changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") String id) {
        if (!store.revoke(knownShape(id))) {
            throw ProblemException.notFound("No API key with id '" + id + "'.");
        }
        cache.invalidate();
        Log.infof("API key %s revoked", id);
        return Response.noContent().build();
    }

    /** Ids the service never issued are not looked up (nor sent to the database as arbitrary text). */
    private static String knownShape(String id) {
        if (!ApiKeySecrets.isId(id)) {
            throw ProblemException.notFound("No API key with id '" + id + "'.");
        }
        return id;
    }
}

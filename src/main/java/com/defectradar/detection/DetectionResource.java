package com.defectradar.detection;

import com.defectradar.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import com.defectradar.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/v1/detection/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Detection", description = "Runs that turn tickets into alerts")
@RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
public class DetectionResource {

    private final DetectionService detection;

    public DetectionResource(DetectionService detection) {
        this.detection = detection;
    }

    @POST
    @Operation(summary = "Run detection now over the tickets that occurred at or before asOf (default: now)",
            description = "Answers when the run is done. One run at a time across all instances: a request while "
                    + "another runs waits for it. A past asOf replays history (backtesting).")
    public DetectionRunView run(@QueryParam("asOf") String asOf) {
        Instant instant = QueryParams.instant("asOf", asOf);
        return detection.run(instant == null ? Instant.now() : instant);
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The last finished run's summary")
    public DetectionRunView latest() {
        return detection.latest();
    }
}

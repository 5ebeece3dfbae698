package com.defectradar.alert;

import com.defectradar.ticket.TicketPage;
import jakarta.annotation.security.RolesAllowed;
import com.defectradar.security.Roles;
import com.defectradar.web.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Confirmed defect patterns for engineering")
@RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
public class AlertResource {

    private final AlertService alerts;

    public AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Alerts, newest change first",
            description = "status: comma-separated, default OPEN,ACKNOWLEDGED. limit: 1..500, default 100.")
    public AlertPage list(@QueryParam("status") String status,
                          @QueryParam("component") String component,
                          @QueryParam("productionBatch") String productionBatch,
                          @QueryParam("updatedSince") String updatedSince,
                          @QueryParam("limit") String limit,
                          @QueryParam("cursor") String cursor) {
        AlertService.AlertQuery query = new AlertService.AlertQuery(AlertService.statuses(status),
                QueryParams.text(component), QueryParams.text(productionBatch),
                QueryParams.instant("updatedSince", updatedSince));
        return alerts.list(query, QueryParams.limit(limit, 100, 500), QueryParams.text(cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its signature, statistics, exposure and history")
    public AlertView get(@PathParam("id") String id) {
        return alerts.get(QueryParams.id(id));
    }

    @GET
    @Path("/{id}/tickets")
    @Operation(summary = "The alert's member tickets, the evidence", description = "limit: 1..1000, default 100.")
    public TicketPage tickets(@PathParam("id") String id, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return alerts.tickets(QueryParams.id(id), QueryParams.limit(limit, 100, 1000), QueryParams.text(cursor));
    }
}

package com.defectradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.defectradar.detection.DetectionSettings;
import com.defectradar.security.Roles;
import com.defectradar.web.QueryParams;

/**
 * The dashboard. Pages are shells anyone may load (they hold no data); the data comes as server-rendered HTML
 * parts that the page's script fetches with the user's API key as a Bearer token, so the dashboard shows
 * engineers exactly what the API would, and nothing to anyone without a key. Transitions are the API's own
 * endpoints, called from the page with the same key.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance shell(String title, String part, int refreshSeconds, String back);

        static native TemplateInstance alerts(Views.AlertList view);

        static native TemplateInstance alert(Views.AlertPage view);
    }

    private final DashboardService dashboard;
    private final String level;

    public DashboardResource(DashboardService dashboard, DetectionSettings detection) {
        this.dashboard = dashboard;
        this.level = Words.level(detection.significance(), detection.earlyLifeWeight(), detection.earlyLifeDays());
    }

    @GET
    @PermitAll
    public TemplateInstance alertsPage() {
        return Templates.shell("Open alerts", "/dashboard/parts/alerts", 5, null);
    }

    @GET
    @Path("/alerts/{id}")
    @PermitAll
    public TemplateInstance alertPage(@PathParam("id") String id) {
        // no timed refresh here: it would wipe a note being typed; the page reloads its part after a transition
        return Templates.shell("Alert " + QueryParams.id(id), "/dashboard/parts/alerts/" + QueryParams.id(id), 0, "/dashboard");
    }

    @GET
    @Path("/parts/alerts")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    public Response alertsPart() {
        return part(Templates.alerts(dashboard.openAlerts()));
    }

    @GET
    @Path("/parts/alerts/{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    public Response alertPart(@PathParam("id") String id) {
        return part(Templates.alert(dashboard.alert(QueryParams.id(id), level)));
    }

    /** Parts carry data fetched with a key: never cached, by the browser or anything in between. */
    private static Response part(TemplateInstance html) {
        return Response.ok(html.render()).header("Cache-Control", "no-store").build();
    }
}

package com.defectradar.digest;

import com.defectradar.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import com.defectradar.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("/api/v1/digests")
@Tag(name = "Digests", description = "The weekly escalation e-mail")
public class DigestResource {

    private static final String WEEK_OF = "Any date (YYYY-MM-DD) in the ISO week (Monday to Sunday, in "
            + "radar.digest.zone) the digest reports on. Default: the last week that has ended.";

    private final DigestService digests;
    private final DigestSettings settings;

    public DigestResource(DigestService digests, DigestSettings settings) {
        this.digests = digests;
        this.settings = settings;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @GET
    @Path("/preview")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The e-mail (HTML part) a recipient list gets for a week, rendered now",
            description = "Works for any week, including the running one. X-Digest-Alerts gives the number of "
                    + "alerts in it; X-Digest-Would-Send says whether it would be mailed (false for an empty digest "
                    + "unless radar.digest.send-empty).")
    public Response preview(@Parameter(description = WEEK_OF) @QueryParam("weekOf") String weekOf,
                            @Parameter(description = "Recipient list: 'default' (the default), or a routed component "
                                    + "such as 'battery'.") @QueryParam("list") String list) {
        RecipientList recipients = list(list);
        DigestRenderer.RenderedDigest digest = digests.preview(week(weekOf), recipients);
        return Response.ok(digest.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("X-Digest-Alerts", digest.alertCount())
                .header("X-Digest-Would-Send", digest.alertCount() > 0 || settings.sendEmpty())
                .build();
    }

    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("/send")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a week's digest now, to every recipient list that has not had it",
            description = "At most one digest per week and recipient list, whatever the number of calls or "
                    + "instances: a second call sends nothing and answers 200 with alreadySent true. 202 when a "
                    + "delivery is still waiting (the SMTP server failed; it is retried with backoff). 409 for a week "
                    + "that has not ended. retryUncertain=true resends deliveries whose outcome is UNCERTAIN (an "
                    + "instance died mid-send): only when the recipients confirm they did not get it.")
    public Response send(@Parameter(description = WEEK_OF) @QueryParam("weekOf") String weekOf,
                         @QueryParam("retryUncertain") boolean retryUncertain) {
        DigestReport report = digests.send(week(weekOf), retryUncertain, Instant.now());
        return Response.status(report.settled() ? 200 : 202).entity(report).build();
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where a week's digest deliveries stand: state, attempts, next attempt, last error")
    public DigestReport status(@Parameter(description = WEEK_OF) @QueryParam("weekOf") String weekOf) {
        return digests.status(week(weekOf));
    }

    private DigestWeek week(String weekOf) {
        if (weekOf == null || weekOf.isBlank()) {
            return DigestWeek.containing(Instant.now(), settings.zone()).minusWeeks(1);
        }
        try {
            return DigestWeek.of(LocalDate.parse(weekOf.strip()), settings.zone());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("weekOf", "must be a date such as 2021-01-11");
        }
    }

    private RecipientList list(String name) {
        if (name == null || name.isBlank()) {
            return digests.routing().find(RecipientList.DEFAULT).orElseThrow();
        }
        return digests.routing().find(name).orElseThrow(() -> ProblemException.invalid("list",
                "must be one of: " + digests.routing().names()));
    }
}

package com.defectradar.metrics;

import com.defectradar.detection.DetectionRunView;
import com.defectradar.ticket.BatchIngestResult;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts what the API answered, at the API's edge: tickets from POST /api/v1/tickets and /batch, runs from
 * POST /api/v1/detection/runs. Reading answers rather than hooking into the ticket and detection services keeps
 * those packages free of metrics code; what happens without a request (scheduled runs) is not seen here
 * (see README "Observability").
 */
public class ApiMetricsFilter {

    private final RadarMetrics metrics;

    public ApiMetricsFilter(RadarMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (path.equals("/api/v1/tickets/batch") && response.getEntity() instanceof BatchIngestResult result) {
            metrics.batch(result);
        } else if (path.equals("/api/v1/tickets")) {
            metrics.single(response.getStatus());
        } else if (path.equals("/api/v1/detection/runs") && response.getEntity() instanceof DetectionRunView run) {
            metrics.run(run, "request");
        }
    }
}

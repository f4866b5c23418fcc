package org.secondopinion.cases.insights;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.insights.InsightDtos.OutcomeInsights;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

@Path("/api/v1/insights/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insights")
public class InsightsResource {

    private final InsightsService insights;
    private final OutcomeExport exports;
    private final CurrentUser user;

    public InsightsResource(InsightsService insights, OutcomeExport exports, CurrentUser user) {
        this.insights = insights;
        this.exports = exports;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN, Roles.CLINIC})
    @Operation(operationId = "getOutcomeInsights",
            summary = "What patients decided after their opinions, and how fast opinions came: counts and shares, "
            + "every count under 11 (and any figure that would give one away) suppressed; a clinic sees its own "
            + "referrals only")
    public OutcomeInsights outcomes(@BeanParam @Valid InsightFilter filter) {
        return insights.outcomes(InsightsService.applied(filter, user));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "exportOutcomeInsights",
            summary = "De-identified outcome rows for research (CSV): no names, contacts, free text or case ids, "
            + "months instead of dates, ages over 89 grouped; the export is written to each case's access log")
    public Response export(@BeanParam @Valid InsightFilter filter) {
        OutcomeExport.Export export = exports.export(InsightsService.applied(filter, user), user);
        return Response.ok(export.csv()).header("X-Export-Id", export.id().toString())
                .header("Content-Disposition", "attachment; filename=\"outcomes-" + export.id() + ".csv\"").build();
    }
}

package org.secondopinion.cases.outcomes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.casefile.CaseVisibility;
import org.secondopinion.cases.outcomes.OutcomeDtos.OutcomeAnswer;
import org.secondopinion.cases.outcomes.OutcomeDtos.OutcomeHistory;
import org.secondopinion.cases.outcomes.OutcomeDtos.OutcomeView;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.List;
import java.util.UUID;
import org.secondopinion.platform.security.ScopedTo;

@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}/outcome")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outcome")
public class OutcomeResource {

    private final OutcomeService outcomes;
    private final CurrentUser user;

    public OutcomeResource(OutcomeService outcomes, CurrentUser user) {
        this.outcomes = outcomes;
        this.user = user;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "recordOutcome",
            summary = "Record what you decided after the opinion (again to update it; earlier answers are kept)")
    public OutcomeView record(@PathParam("id") UUID caseId, @NotNull @Valid OutcomeAnswer answer) {
        return OutcomeView.of(outcomes.record(caseId, answer, user));
    }

    @GET
    @RolesAllowed({Roles.PATIENT, Roles.COORDINATOR})
    @Operation(summary = "The patient's current answer and the earlier ones, newest first")
    public OutcomeHistory read(@PathParam("id") UUID caseId) {
        List<CaseOutcome> history = outcomes.history(caseId, user);
        if (history.isEmpty()) {
            throw new NotFoundProblem("outcome of case", caseId);
        }
        return new OutcomeHistory(caseId, history.stream().map(OutcomeView::of).toList());
    }
}

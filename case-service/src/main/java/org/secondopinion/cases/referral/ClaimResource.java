package org.secondopinion.cases.referral;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.casefile.CaseDtos.CaseView;
import org.secondopinion.cases.casefile.CaseMapper;
import org.secondopinion.cases.referral.ReferralDtos.ClaimRequest;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

/** A referred patient takes their case into their account with the claim code their clinic gave them. */
@Path("/api/v1/cases/claim")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class ClaimResource {

    private final ReferralService service;
    private final CaseMapper mapper;
    private final CurrentUser patient;

    public ClaimResource(ReferralService service, CaseMapper mapper, CurrentUser patient) {
        this.service = service;
        this.mapper = mapper;
        this.patient = patient;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "claimCase",
            summary = "Claim a case your clinic referred, with its one-time code; then complete consent and submit")
    @APIResponse(responseCode = "200", description = "The case, now yours")
    @APIResponse(responseCode = "404", description = "Unknown or already used code")
    @APIResponse(responseCode = "410", description = "The code expired: ask the clinic for a new one")
    public CaseView claim(@NotNull @Valid ClaimRequest request) {
        return mapper.toView(service.claim(request.code(), patient));
    }
}

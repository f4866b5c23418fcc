package org.secondopinion.cases.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.idempotency.IdempotentRequests;
import org.secondopinion.cases.idempotency.StoredResponse;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;
import org.secondopinion.cases.referral.ReferralDtos.ReferralView;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.UUID;

/** Thin HTTP face of {@link ReferralService} for partner clinics (client-credentials tokens with a clinic_id). */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINIC)
@Tag(name = "Referrals", description = "Partner clinics refer patients; docs/CLINIC-QUICKSTART.md walks through it")
public class ReferralResource {

    private final ReferralService service;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;
    private final CurrentUser clinic;

    public ReferralResource(ReferralService service, IdempotentRequests idempotency, ObjectMapper json,
                            CurrentUser clinic) {
        this.service = service;
        this.idempotency = idempotency;
        this.json = json;
        this.clinic = clinic;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refer a patient: creates a case, submitted at once if you attest the patient's consent")
    @APIResponse(responseCode = "201", description = "The referral, with the patient's one-time claim code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReferralView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed; the problem body names it")
    @APIResponse(responseCode = "409", description = "Your clinicReference already names another referral")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body")
    public Response create(
            @Parameter(description = "any unique string per referral (a UUID); a retry with the same key and body "
                    + "returns the first answer and creates nothing") @HeaderParam("Idempotency-Key") String key,
            @NotNull @Valid ReferralRequest request, @Context UriInfo uri) {
        String clinicId = ReferralService.clinicId(clinic);
        return idempotency.run(clinicId, key, idempotency.hashOf(request), () -> {
            ReferralService.Created created = service.create(clinic, request, Referral.Channel.JSON);
            return new StoredResponse(201, MediaType.APPLICATION_JSON, write(service.view(created)),
                    uri.getAbsolutePathBuilder().path(created.referral().id.toString()).build().toString());
        }).toResponse();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The status of one of your referrals")
    @APIResponse(responseCode = "404", description = "No such referral, or another clinic's")
    @APIResponse(responseCode = "200", description = "The referral")
    public ReferralView get(@PathParam("id") UUID id) {
        return service.view(service.find(id, clinic));
    }

    @GET
    @Operation(summary = "Your referrals, newest first")
    public PageResult<ReferralView> list(@BeanParam @Valid PageParams paging) {
        return service.list(clinic, paging.page, paging.size).map(service::view);
    }

    @POST
    @Path("{id}/claim-code")
    @Operation(operationId = "reissueClaimCode",
            summary = "Issue a new claim code (the old one stops working) and e-mail it to the patient")
    @APIResponse(responseCode = "409", description = "The patient already claimed the case")
    @APIResponse(responseCode = "200", description = "The referral with its new claim code")
    public ReferralView reissueClaimCode(@PathParam("id") UUID id) {
        return service.view(service.reissueClaimCode(id, clinic));
    }

    private String write(ReferralView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

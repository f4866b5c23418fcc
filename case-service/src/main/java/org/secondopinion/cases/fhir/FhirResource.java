package org.secondopinion.cases.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.secondopinion.platform.problem.DomainException;
import org.secondopinion.platform.problem.ProblemMappers;
import org.secondopinion.platform.quota.QuotaExceededProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.List;
import java.util.Set;

/**
 * Thin HTTP face of {@link FhirReferralService} for partner clinics' FHIR R4 systems (docs/FHIR-MAPPING.md). Every
 * refusal here is an OperationOutcome; only 401/403, decided before our code runs, stay the platform's problem+json.
 */
@Path("/api/v1/fhir")
@RolesAllowed(Roles.CLINIC)
@Produces({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Tag(name = "FHIR referrals", description = "Partner clinics refer patients as FHIR R4 ServiceRequests; "
        + "docs/FHIR-MAPPING.md has the mapping")
public class FhirResource {

    private static final String KEY_DESCRIPTION = "any unique string per referral (a UUID); a retry with the same key "
            + "and body returns the first answer and creates nothing";

    private final FhirReferralService service;
    private final FhirJson json;
    private final CurrentUser clinic;

    public FhirResource(FhirReferralService service, FhirJson json, CurrentUser clinic) {
        this.service = service;
        this.json = json;
        this.clinic = clinic;
    }

    @POST
    @Path("ServiceRequest")
    @Consumes({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "createFhirServiceRequest",
            summary = "Refer a patient with a FHIR R4 ServiceRequest (Patient, Condition, Consent contained)")
    @RequestBody(description = "docs/examples/fhir/service-request.json")
    @APIResponse(responseCode = "201", description = "The ServiceRequest as we hold it, with the case reference and "
            + "the patient's one-time claim code as identifiers",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Not a FHIR R4 ServiceRequest in JSON (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "409", description = "Your identifier already names another referral (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "422", description = "A FHIR resource we could read but cannot accept, or an "
            + "Idempotency-Key used before with another body (OperationOutcome naming each element)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    public Response createServiceRequest(
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam("Idempotency-Key") String key, String body,
            @Context UriInfo uri) {
        return service.createFromServiceRequest(clinic, key, body, id -> uri.getAbsolutePathBuilder()
                .path(id.toString()).build().toString()).toResponse();
    }

    @POST
    @Consumes({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "createFhirBundle",
            summary = "Refer a patient with a FHIR R4 transaction Bundle: one ServiceRequest plus its Patient, "
            + "Condition and optionally Consent and requester")
    @RequestBody(description = "docs/examples/fhir/transaction-bundle.json")
    @APIResponse(responseCode = "200", description = "A transaction-response Bundle; the ServiceRequest entry is "
            + "201 Created with its location and the patient's claim code",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Not a FHIR R4 Bundle in JSON (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "409", description = "Your identifier already names another referral (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "422", description = "Not a transaction we can accept (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    public Response createFromBundle(
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam("Idempotency-Key") String key, String body) {
        return service.createFromBundle(clinic, key, body).toResponse();
    }

    @GET
    @Path("ServiceRequest/{id}")
    @Operation(operationId = "getFhirServiceRequest",
            summary = "One of your referrals as a ServiceRequest; status mapped from the case")
    @APIResponse(responseCode = "404", description = "No such referral, or another clinic's (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The ServiceRequest",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    public Response serviceRequest(@PathParam("id") String id) {
        return fhir(200, json.encode(service.serviceRequest(id, clinic)));
    }

    @GET
    @Path("Task/{id}")
    @Operation(operationId = "getFhirTask",
            summary = "The work on one of your referrals as a Task (id = the referral's id): status and "
            + "businessStatus from the case")
    @APIResponse(responseCode = "404", description = "No such referral, or another clinic's (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The Task",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    public Response task(@PathParam("id") String id) {
        return fhir(200, json.encode(service.task(id, clinic)));
    }

    @GET
    @Path("metadata")
    @Operation(operationId = "getFhirCapabilityStatement",
            summary = "The CapabilityStatement: what this FHIR endpoint does")
    @APIResponse(responseCode = "200", description = "The CapabilityStatement",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    public Response metadata(@Context UriInfo uri) {
        return fhir(200, json.encode(FhirReferralViews.capabilityStatement(
                uri.getBaseUriBuilder().path("api/v1/fhir").build().toString())));
    }

    // Mappers of this class only: FHIR clients get OperationOutcomes, the rest of the API keeps problem+json.

    @ServerExceptionMapper
    public Response refused(FhirProblem e) {
        return outcome(e.status(), e.issues());
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        if (e.status() == 401 || e.status() == 403) {
            return new ProblemMappers().domain(e, uri);
        }
        IssueType code = switch (e.status()) {
            case 404 -> IssueType.NOTFOUND;
            case 409 -> IssueType.CONFLICT;
            // a clinic's referral quota used up: FHIR's own code for it, and when to come back
            case 429 -> IssueType.THROTTLED;
            default -> IssueType.INVALID;
        };
        // e.g. the Idempotency-Key header, reused or malformed: not in the resource, so the diagnostics name it
        Response.ResponseBuilder refused = Response.status(e.status()).type(FhirJson.MEDIA_TYPE)
                .entity(json.encode(FhirReferralViews.outcome(List.of(new FhirIssue(code, List.of(), e.getMessage())))));
        if (e instanceof QuotaExceededProblem quota) {
            refused.header("Retry-After", Long.toString(quota.retryAfterSeconds()));
        }
        return refused.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return outcome(422, ReferralViolations.toIssues(e.getConstraintViolations(), java.util.Map.of(), Set.of()));
    }

    private Response outcome(int status, List<FhirIssue> issues) {
        return fhir(status, json.encode(FhirReferralViews.outcome(issues)));
    }

    private static Response fhir(int status, String body) {
        return Response.status(status).type(FhirJson.MEDIA_TYPE).entity(body).build();
    }
}

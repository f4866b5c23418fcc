package org.secondopinion.cases.casefile;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.casefile.CaseDtos.CaseSummary;
import org.secondopinion.cases.casefile.CaseDtos.CaseView;
import org.secondopinion.cases.casefile.CaseDtos.CreateCaseRequest;
import org.secondopinion.cases.casefile.CaseDtos.SubmitRequest;
import org.secondopinion.cases.casefile.CaseDtos.UpdateCaseRequest;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.UUID;

/** Thin HTTP face of {@link CaseService}: roles, validation, status codes, ETags. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class CaseResource {

    private final CaseService service;
    private final CaseMapper mapper;
    private final CurrentUser user;

    public CaseResource(CaseService service, CaseMapper mapper, CurrentUser user) {
        this.service = service;
        this.mapper = mapper;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(summary = "Start a draft case")
    @APIResponse(responseCode = "201", description = "The draft, with its reference",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed; the problem body names it")
    public Response create(@NotNull @Valid CreateCaseRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        PatientCase c = service.create(request, user);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .tag(etag(c)).entity(mapper.toView(c)).build();
    }

    @GET
    @ScopedTo(kind = CaseVisibility.CASE)
    @Path("{id}")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(summary = "Read a case you may see (your own, assigned to you, or any as coordinator)")
    @APIResponse(responseCode = "404", description = "No such case, or not yours to see")
    @APIResponse(responseCode = "200", description = "The case; its ETag is the version If-Match takes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    public Response get(@PathParam("id") UUID id) {
        PatientCase c = service.find(id, user).orElseThrow(() -> new NotFoundProblem("case", id));
        return Response.ok(mapper.toView(c)).tag(etag(c)).build();
    }

    @GET
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(summary = "List the cases you may see, newest first; coordinators filter the whole queue")
    public PageResult<CaseSummary> list(@QueryParam("status") String status, @QueryParam("urgency") String urgency,
                                        @QueryParam("specialty") String specialty,
                                        @Parameter(description = "submitted on or after this date (UTC), e.g. 2026-11-01")
                                        @QueryParam("submittedFrom") String submittedFrom,
                                        @Parameter(description = "submitted on or before this date (UTC)")
                                        @QueryParam("submittedTo") String submittedTo,
                                        @BeanParam @Valid PageParams paging) {
        CaseFilter filter = CaseFilter.parse(status, urgency, specialty, submittedFrom, submittedTo);
        return service.list(user, filter, paging.page, paging.size).map(mapper::toSummary);
    }

    @PATCH
    @ScopedTo(kind = CaseVisibility.CASE)
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "updateCase", summary = "Change fields of your draft; absent fields stay as they are")
    @APIResponse(responseCode = "409", description = "Not a draft any more, or If-Match names an old version")
    @APIResponse(responseCode = "200", description = "The changed draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    public Response update(@PathParam("id") UUID id, @NotNull @Valid UpdateCaseRequest request,
                           @Parameter(description = "the version (ETag) you read") @HeaderParam("If-Match") String ifMatch) {
        PatientCase c = service.update(id, request, version(ifMatch), user);
        return Response.ok(mapper.toView(c)).tag(etag(c)).build();
    }

    @POST
    @ScopedTo(kind = CaseVisibility.CASE)
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(summary = "Submit your draft for matching, with your consent to share records with the specialist")
    @APIResponse(responseCode = "400", description = "A required field is missing; the problem body names it")
    @APIResponse(responseCode = "409", description = "Already submitted; the body names the current state")
    @APIResponse(responseCode = "200", description = "The submitted case",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    public Response submit(@PathParam("id") UUID id, @NotNull @Valid SubmitRequest request,
                           @HeaderParam("If-Match") String ifMatch) {
        PatientCase c = service.submitOwnCase(id, request, version(ifMatch), user);
        return Response.ok(mapper.toView(c)).tag(etag(c)).build();
    }

    @POST
    @ScopedTo(kind = CaseVisibility.CASE)
    @Path("{id}/cancel")
    @RolesAllowed(Roles.PATIENT)
    @Operation(summary = "Withdraw your case (draft, submitted, unmatched or assigned)")
    @APIResponse(responseCode = "200", description = "The cancelled case",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        PatientCase c = service.cancel(id, version(ifMatch), user);
        return Response.ok(mapper.toView(c)).tag(etag(c)).build();
    }

    @POST
    @ScopedTo(kind = CaseVisibility.CASE)
    @Path("{id}/close")
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "closeCase",
            summary = "Close your case after reading the opinion (it also closes by itself some days later)")
    @APIResponse(responseCode = "409", description = "No opinion delivered yet; the body names the current state")
    @APIResponse(responseCode = "200", description = "The closed case",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseView.class)))
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        PatientCase c = service.close(id, version(ifMatch), user);
        return Response.ok(mapper.toView(c)).tag(etag(c)).build();
    }

    private static EntityTag etag(PatientCase c) {
        return new EntityTag(Long.toString(c.version));
    }

    /** {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}) → 3; absent → no check. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String digits = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidFieldProblem("If-Match", "must be the case's ETag, e.g. \"3\"");
        }
    }
}

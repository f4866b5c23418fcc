package org.secondopinion.specialist.directory;

import org.eclipse.microprofile.openapi.annotations.Operation;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.reference.KnownSpecialty;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.specialist.credentials.CredentialService;
import org.secondopinion.specialist.directory.SpecialistDtos.AddCertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.AddLicenseRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationDetail;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseView;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicSpecialist;
import org.secondopinion.specialist.directory.SpecialistDtos.SpecialistProfile;
import org.secondopinion.specialist.directory.SpecialistDtos.UpdateOwnProfileRequest;
import org.secondopinion.specialist.profile.ProfileEtag;
import org.secondopinion.specialist.profile.ProfileService;
import org.secondopinion.specialist.search.SearchCriteria;
import org.secondopinion.specialist.search.SearchService;
import org.secondopinion.specialist.search.SearchSort;

import java.util.UUID;

/**
 * The specialist directory (DESIGN §11), one resource over its three features: search (the public directory),
 * profile (the specialist's own, the admin's view and status) and credentials (the admin's verification work).
 */
@Path("/api/v1/specialists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpecialistResource {

    private final SearchService search;
    private final ProfileService profiles;
    private final CredentialService credentials;
    private final CurrentUser user;

    public SpecialistResource(SearchService search, ProfileService profiles, CredentialService credentials,
                              CurrentUser user) {
        this.search = search;
        this.profiles = profiles;
        this.credentials = credentials;
        this.user = user;
    }

    /** {@code q}: free text, see {@link SearchCriteria}; control characters are refused (PostgreSQL rejects NUL). */
    @GET
    @Operation(operationId = "searchSpecialists")
    public PageResult<PublicSpecialist> search(@QueryParam("specialty") @KnownSpecialty String specialty,
                                               @QueryParam("subspecialty") @Size(max = 60) String subspecialty,
                                               @QueryParam("state") @Pattern(regexp = SpecialistDtos.STATE) String state,
                                               @QueryParam("language") @Pattern(regexp = SpecialistDtos.LANGUAGE) String language,
                                               @QueryParam("acceptingNewCases") Boolean acceptingNewCases,
                                               @QueryParam("q") @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*") String q,
                                               @Parameter(description = "name (default), rating, turnaround or experience")
                                               @QueryParam("sort") String sort,
                                               @BeanParam @Valid PageParams page) {
        SearchCriteria criteria = new SearchCriteria(specialty, subspecialty, state, language, acceptingNewCases, q,
                user.is(Roles.ADMIN), SearchSort.parse(sort));
        return search.search(criteria, page.page, page.size);
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.SPECIALIST)
    @APIResponse(responseCode = "200", description = "Your profile; its ETag is what If-Match takes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpecialistProfile.class)))
    @APIResponse(responseCode = "404", description = "You have no specialist profile yet (an admin creates it)")
    @Operation(operationId = "getMyProfile")
    public Response me() {
        SpecialistProfile profile = profiles.findOwn(user.id())
                .orElseThrow(() -> new NotFoundProblem("specialist profile of", user.id()));
        return withEtag(profile);
    }

    /** Optional {@code If-Match} with the ETag of GET /me: a stale copy answers 412 instead of overwriting. */
    @PATCH
    @Path("me")
    @RolesAllowed(Roles.SPECIALIST)
    @APIResponse(responseCode = "200", description = "Your changed profile, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpecialistProfile.class)))
    @APIResponse(responseCode = "404", description = "You have no specialist profile yet (an admin creates it)")
    @Operation(operationId = "updateMyProfile")
    public Response updateMe(@NotNull @Valid UpdateOwnProfileRequest patch, @HeaderParam("If-Match") String ifMatch) {
        return withEtag(profiles.updateOwn(user.id(), patch, ifMatch));
    }

    @GET
    @Path("{id}")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    public PublicSpecialist get(@PathParam("id") UUID id) {
        return search.find(id, user.is(Roles.ADMIN)).orElseThrow(() -> new NotFoundProblem("specialist", id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "The specialist, PENDING until verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpecialistProfile.class)))
    public Response create(@NotNull @Valid CreateSpecialistRequest request, @Context UriInfo uri) {
        SpecialistProfile created = profiles.create(Ids.newId(), request, user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    /** Everything about a specialist, whatever their status: the admin's view. */
    @GET
    @Path("{id}/profile")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getSpecialistProfile")
    public SpecialistProfile profile(@PathParam("id") UUID id) {
        return profiles.profile(id).orElseThrow(() -> new NotFoundProblem("specialist", id));
    }

    @POST
    @Path("{id}/certifications")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "The certification, PENDING until verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificationDetail.class)))
    public Response addCertification(@PathParam("id") UUID id, @NotNull @Valid AddCertificationRequest request,
                                     @Context UriInfo uri) {
        CertificationDetail added = credentials.addCertification(id, request);
        return Response.created(uri.getAbsolutePathBuilder().path(added.id().toString()).build())
                .entity(added).build();
    }

    @POST
    @Path("{id}/certifications/{certificationId}/verify")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    public CertificationDetail verifyCertification(@PathParam("id") UUID id,
                                                   @PathParam("certificationId") UUID certificationId) {
        return credentials.verifyCertification(id, certificationId, user.id());
    }

    @POST
    @Path("{id}/certifications/{certificationId}/revoke")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    public CertificationDetail revokeCertification(@PathParam("id") UUID id,
                                                   @PathParam("certificationId") UUID certificationId) {
        return credentials.revokeCertification(id, certificationId, user.id());
    }

    @POST
    @Path("{id}/licenses")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "The licence, PENDING until verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LicenseView.class)))
    public Response addLicense(@PathParam("id") UUID id, @NotNull @Valid AddLicenseRequest request,
                               @Context UriInfo uri) {
        LicenseView added = credentials.addLicense(id, request);
        return Response.created(uri.getAbsolutePathBuilder().path(added.id().toString()).build())
                .entity(added).build();
    }

    @POST
    @Path("{id}/licenses/{licenseId}/verify")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    public LicenseView verifyLicense(@PathParam("id") UUID id, @PathParam("licenseId") UUID licenseId) {
        return credentials.verifyLicense(id, licenseId, user.id());
    }

    @POST
    @Path("{id}/licenses/{licenseId}/revoke")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    public LicenseView revokeLicense(@PathParam("id") UUID id, @PathParam("licenseId") UUID licenseId) {
        return credentials.revokeLicense(id, licenseId, user.id());
    }

    @POST
    @Path("{id}/suspend")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "suspendSpecialist")
    public SpecialistProfile suspend(@PathParam("id") UUID id) {
        return profiles.suspend(id, user.id());
    }

    @POST
    @Path("{id}/activate")
    @ScopedTo(kind = SpecialistVisibility.SPECIALIST)
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "activateSpecialist")
    public SpecialistProfile activate(@PathParam("id") UUID id) {
        return profiles.activate(id, user.id());
    }

    private static Response withEtag(SpecialistProfile profile) {
        return Response.ok(profile).header("ETag", ProfileEtag.of(profile.version())).build();
    }
}

package org.secondopinion.specialist.directory;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicSpecialist;
import org.secondopinion.specialist.directory.SpecialistDtos.SpecialistProfile;
import org.secondopinion.specialist.directory.SpecialistDtos.UpdateOwnProfileRequest;
import org.secondopinion.specialist.reference.KnownSpecialty;

import java.util.UUID;

/** The specialist directory (DESIGN §11). */
@Path("/api/v1/specialists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpecialistResource {

    private final SpecialistService service;
    private final CurrentUser user;

    public SpecialistResource(SpecialistService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    public PageResult<PublicSpecialist> search(@QueryParam("specialty") @KnownSpecialty String specialty,
                                               @QueryParam("state") @Pattern(regexp = SpecialistDtos.STATE) String state,
                                               @QueryParam("language") @Pattern(regexp = SpecialistDtos.LANGUAGE) String language,
                                               @QueryParam("acceptingNewCases") Boolean acceptingNewCases,
                                               @QueryParam("q") @Size(max = 100) String q,
                                               @BeanParam @Valid PageParams page) {
        SearchCriteria criteria = new SearchCriteria(specialty, state, language, acceptingNewCases, q,
                user.is(Roles.ADMIN));
        return service.search(criteria, page.page, page.size);
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.SPECIALIST)
    public SpecialistProfile me() {
        return service.findOwn(user.id()).orElseThrow(() -> new NotFoundProblem("specialist profile of", user.id()));
    }

    @PATCH
    @Path("me")
    @RolesAllowed(Roles.SPECIALIST)
    public SpecialistProfile updateMe(@NotNull @Valid UpdateOwnProfileRequest patch) {
        return service.updateOwn(user.id(), patch);
    }

    @GET
    @Path("{id}")
    public PublicSpecialist get(@PathParam("id") UUID id) {
        return service.find(id, user.is(Roles.ADMIN)).orElseThrow(() -> new NotFoundProblem("specialist", id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid CreateSpecialistRequest request, @Context UriInfo uri) {
        SpecialistProfile created = service.create(UUID.randomUUID(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }
}

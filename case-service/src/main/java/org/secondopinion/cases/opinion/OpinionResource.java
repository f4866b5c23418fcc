package org.secondopinion.cases.opinion;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.casefile.CaseVisibility;
import org.secondopinion.cases.opinion.OpinionDtos.AddendumCreate;
import org.secondopinion.cases.opinion.OpinionDtos.AddendumView;
import org.secondopinion.cases.opinion.OpinionDtos.OpinionDraft;
import org.secondopinion.cases.opinion.OpinionDtos.OpinionView;
import org.secondopinion.cases.opinion.OpinionDtos.RatingCreate;
import org.secondopinion.cases.opinion.OpinionDtos.RatingView;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.List;
import java.util.UUID;
import org.secondopinion.platform.security.ScopedTo;

@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Opinion")
public class OpinionResource {

    private final OpinionService opinions;
    private final OpinionMapper mapper;
    private final CurrentUser user;

    public OpinionResource(OpinionService opinions, OpinionMapper mapper, CurrentUser user) {
        this.opinions = opinions;
        this.mapper = mapper;
        this.user = user;
    }

    @PUT
    @Path("opinion")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(operationId = "saveOpinionDraft",
            summary = "Write or rewrite the opinion draft (assigned specialist); the first draft starts the review")
    public OpinionView saveDraft(@PathParam("id") UUID caseId, @NotNull @Valid OpinionDraft draft) {
        Opinion o = opinions.saveDraft(caseId, draft, user);
        return view(o, List.of());
    }

    @POST
    @Path("opinion/submit")
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(summary = "Deliver the opinion to the patient; it is immutable afterwards")
    public OpinionView submit(@PathParam("id") UUID caseId) {
        return view(opinions.submit(caseId, user), List.of());
    }

    @GET
    @Path("opinion")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(summary = "Read the opinion: the patient once delivered, the assigned specialist also as a draft")
    public OpinionView read(@PathParam("id") UUID caseId) {
        Opinion o = opinions.read(caseId, user);
        return view(o, opinions.addenda(caseId));
    }

    @POST
    @Path("opinion/addenda")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(operationId = "addOpinionAddendum", summary = "Add to a delivered opinion")
    @APIResponse(responseCode = "201", description = "The addendum",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AddendumView.class)))
    public Response addendum(@PathParam("id") UUID caseId, @NotNull @Valid AddendumCreate body,
                             @Context UriInfo uri) {
        OpinionAddendum a = opinions.addendum(caseId, body.body(), user);
        return Response.created(uri.getAbsolutePathBuilder().path(a.id.toString()).build())
                .entity(mapper.toView(a)).build();
    }

    @GET
    @Path("opinion/addenda/{addendumId}")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "getOpinionAddendum", summary = "One addendum to the delivered opinion")
    public AddendumView readAddendum(@PathParam("id") UUID caseId, @PathParam("addendumId") UUID addendumId) {
        return opinions.findAddendum(caseId, addendumId, user).map(mapper::toView)
                .orElseThrow(() -> new NotFoundProblem("addendum", addendumId));
    }

    @POST
    @Path("rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "rateCase", summary = "Rate the opinion once, 1 to 5 stars, with an optional comment")
    @APIResponse(responseCode = "201", description = "The rating",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RatingView.class)))
    public Response rate(@PathParam("id") UUID caseId, @NotNull @Valid RatingCreate body, @Context UriInfo uri) {
        CaseRating r = opinions.rate(caseId, body.stars(), body.comment(), user);
        // one rating per case: it lives at the address it was posted to
        return Response.created(uri.getAbsolutePath()).entity(mapper.toView(r)).build();
    }

    @GET
    @Path("rating")
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "getRating", summary = "Your rating of the opinion, once you gave it")
    public RatingView rating(@PathParam("id") UUID caseId) {
        return opinions.findRating(caseId, user).map(mapper::toView)
                .orElseThrow(() -> new NotFoundProblem("rating of case", caseId));
    }

    private OpinionView view(Opinion o, List<OpinionAddendum> addenda) {
        return mapper.toView(o, addenda);
    }
}

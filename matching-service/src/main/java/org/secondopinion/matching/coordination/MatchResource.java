package org.secondopinion.matching.coordination;

import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.matching.coordination.MatchDtos.AssignRequest;
import org.secondopinion.matching.coordination.MatchDtos.MatchDetails;
import org.secondopinion.matching.coordination.MatchDtos.QueueItem;
import org.secondopinion.matching.matches.MatchStatus;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.UUID;

/** Coordinators' window into matching: the queue, match details, manual assignment, reassignment and rematch. */
@Path("/api/v1/matches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
public class MatchResource {

    private final CoordinatorTools matches;
    private final MatchMapper mapper;
    private final CurrentUser user;

    public MatchResource(CoordinatorTools matches, MatchMapper mapper, CurrentUser user) {
        this.matches = matches;
        this.mapper = mapper;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listMatches")
    public PageResult<QueueItem> queue(
            @QueryParam("status") @Pattern(regexp = "OFFERED|ASSIGNED|FAILED|CANCELLED",
                    message = "must be one of OFFERED, ASSIGNED, FAILED, CANCELLED") String status,
            @BeanParam @Valid PageParams page) {
        MatchStatus wanted = status == null ? null : MatchStatus.valueOf(status);
        var items = matches.queue(wanted, page.offset(), page.size).stream().map(mapper::queueItem).toList();
        return PageResult.counted(items, page.page, page.size, COUNT_LIMIT,
                limit -> matches.countQueueUpTo(wanted, limit));
    }

    /** Every case ever matched is in the queue: counted up to this many, then "at least" ({@link PageResult}). */
    static final int COUNT_LIMIT = 1_000;

    @GET
    @Path("/{caseId}")
    @ScopedTo(kind = MatchVisibility.MATCH, pathParam = "caseId")
    @Operation(operationId = "getMatch")
    public MatchDetails byCase(@PathParam("caseId") UUID caseId) {
        return matches.find(caseId).map(mapper::details)
                .orElseThrow(() -> new NotFoundProblem("match for case", caseId));
    }

    @POST
    @Path("/{caseId}/assign")
    @ScopedTo(kind = MatchVisibility.MATCH, pathParam = "caseId")
    @Operation(operationId = "assignSpecialist")
    public MatchDetails assign(@PathParam("caseId") UUID caseId, @NotNull @Valid AssignRequest request) {
        return mapper.details(matches.assign(caseId, request.specialistId(), request.reason(), request.force(),
                user.id()));
    }

    /** Hands an ASSIGNED case to another specialist (the assigned one withdraws); 409 for any other state. */
    @POST
    @Path("/{caseId}/reassign")
    @ScopedTo(kind = MatchVisibility.MATCH, pathParam = "caseId")
    @Operation(operationId = "reassignSpecialist")
    public MatchDetails reassign(@PathParam("caseId") UUID caseId, @NotNull @Valid AssignRequest request) {
        return mapper.details(matches.reassign(caseId, request.specialistId(), request.reason(), request.force(),
                user.id()));
    }

    @POST
    @Path("/{caseId}/rematch")
    @ScopedTo(kind = MatchVisibility.MATCH, pathParam = "caseId")
    @Operation(operationId = "rematch")
    public MatchDetails rematch(@PathParam("caseId") UUID caseId) {
        return mapper.details(matches.rematch(caseId, user.id()));
    }
}

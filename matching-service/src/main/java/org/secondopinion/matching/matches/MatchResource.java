package org.secondopinion.matching.matches;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.matching.matches.MatchDtos.MatchDetails;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.Roles;

import java.util.UUID;

/** Coordinators' window into matching. */
@Path("/api/v1/matches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
public class MatchResource {

    private final MatchService matches;

    public MatchResource(MatchService matches) {
        this.matches = matches;
    }

    @GET
    @Path("/{caseId}")
    public MatchDetails byCase(@PathParam("caseId") UUID caseId) {
        return matches.find(caseId).map(MatchDetails::of).orElseThrow(() -> new NotFoundProblem("match for case", caseId));
    }
}

package org.secondopinion.cases.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.CaseRepository;
import org.secondopinion.cases.casefile.CaseVisibility;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.time.Instant;
import java.util.UUID;

@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}/access-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AccessLogResource {

    /** A line of the trail as the patient sees it: who (id and role), what, when, under which request. */
    public record AccessView(String actorId, String actorRole, String action,
                             @Schema(nullable = true) String objectType, @Schema(nullable = true) String objectId,
                             @Schema(nullable = true) String requestId, Instant at) {
    }

    private final AccessLog log;
    private final CaseLookup lookup;
    private final CaseRepository cases;
    private final CurrentUser user;

    public AccessLogResource(AccessLog log, CaseLookup lookup, CaseRepository cases, CurrentUser user) {
        this.log = log;
        this.lookup = lookup;
        this.cases = cases;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.PATIENT, Roles.ADMIN})
    @Transactional
    @Operation(operationId = "getAccessLog",
            summary = "Who read or changed this case: the patient's own, or any case for admins")
    public PageResult<AccessView> trail(@PathParam("id") UUID id, @BeanParam @Valid PageParams paging) {
        if (user.is(Roles.ADMIN)) {
            cases.find(id).orElseThrow(() -> new NotFoundProblem("case", id));
        } else {
            lookup.ownedBy(id, user);
        }
        return log.page(id, paging.page, paging.size).map(e -> new AccessView(e.actorId, e.actorRole, e.action,
                e.objectType, e.objectId, e.requestId, e.at));
    }
}

package org.secondopinion.specialist.availability;

import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityRequest;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityView;

/** The signed-in specialist's consult availability (weekly windows, exceptions, slot length, buffer). */
@Path("/api/v1/specialists/me/availability")
@RolesAllowed(Roles.SPECIALIST)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    private final AvailabilityService service;
    private final CurrentUser user;

    public AvailabilityResource(AvailabilityService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Your availability",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "404", description = "You have not published an availability yet")
    @Operation(operationId = "getMyAvailability")
    public AvailabilityView get() {
        return service.findOwn(user.id()).orElseThrow(() -> new NotFoundProblem("availability of", user.id()));
    }

    /** Replaces the whole availability; publishes it for booking. */
    @PUT
    @APIResponse(responseCode = "200", description = "Your availability as now published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "404", description = "You have no specialist profile yet (an admin creates it)")
    @Operation(operationId = "replaceMyAvailability")
    public AvailabilityView replace(@NotNull @Valid AvailabilityRequest request) {
        return service.replaceOwn(user.id(), request);
    }
}

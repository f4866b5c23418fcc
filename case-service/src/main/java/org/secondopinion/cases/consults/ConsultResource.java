package org.secondopinion.cases.consults;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.secondopinion.cases.casefile.CaseVisibility;
import org.secondopinion.cases.consults.ConsultDtos.BookRequest;
import org.secondopinion.cases.consults.ConsultDtos.CancelRequest;
import org.secondopinion.cases.consults.ConsultDtos.CompleteRequest;
import org.secondopinion.cases.consults.ConsultDtos.ConsultView;
import org.secondopinion.cases.consults.ConsultDtos.JoinView;
import org.secondopinion.cases.consults.ConsultDtos.SlotsView;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.secondopinion.platform.security.ScopedTo;

/** Live consults of a case: the case's patient, its assigned specialist and coordinators; others get 404. */
@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}/consults")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consults")
public class ConsultResource {

    private final ConsultService service;
    private final CurrentUser user;

    public ConsultResource(ConsultService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listConsults", summary = "The case's consults, soonest first")
    public List<ConsultView> list(@PathParam("id") UUID caseId) {
        return service.list(caseId, user).stream().map(this::view).toList();
    }

    @GET
    @Path("slots")
    @APIResponse(responseCode = "409", description = "No specialist assigned yet, or the specialist has published no "
            + "availability; the body names the case's state")
    @APIResponse(responseCode = "200", description = "The assigned specialist's free slots")
    @Operation(operationId = "listConsultSlots",
            summary = "Free slots of the assigned specialist for the next 14 days, in the zone you ask for")
    public SlotsView slots(@PathParam("id") UUID caseId,
                           @Parameter(description = "IANA time zone the slots are shown in (default UTC)")
                           @QueryParam("zone") @DefaultValue("UTC") String zone) {
        return service.slots(caseId, user, zone(zone));
    }

    @POST
    @RolesAllowed(Roles.PATIENT)
    @APIResponse(responseCode = "409", description = "The slot is taken, the case already has an upcoming consult, or "
            + "the case is not assigned; the body names the state")
    @APIResponse(responseCode = "201", description = "The booked consult",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsultView.class)))
    @Operation(operationId = "bookConsult",
            summary = "Book a video consult with the assigned specialist (one upcoming per case)")
    public Response book(@PathParam("id") UUID caseId, @NotNull @Valid BookRequest request, @Context UriInfo uri) {
        Consult booked = service.book(caseId, user, request);
        return Response.created(uri.getAbsolutePathBuilder().path(booked.id.toString()).build())
                .entity(view(booked)).build();
    }

    @GET
    @Path("{consultId}")
    @Operation(operationId = "getConsult", summary = "One consult of the case")
    public ConsultView get(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId) {
        return view(service.get(caseId, consultId, user));
    }

    /** The invitation (RFC 5545) to import into a calendar; a reschedule or cancellation updates the same entry. */
    @GET
    @Path("{consultId}.ics")
    @Produces({"text/calendar", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The iCalendar invitation",
            content = @Content(mediaType = "text/calendar", schema = @Schema(implementation = String.class)))
    @Operation(operationId = "getConsultInvitation",
            summary = "The consult as an iCalendar invitation (RFC 5545): same UID, higher SEQUENCE after each change")
    public Response invitation(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId,
                               @Parameter(description = "IANA time zone of the times (default: the specialist's)")
                               @QueryParam("zone") String zone) {
        String ics = service.invitation(caseId, consultId, user, zone == null ? null : zone(zone));
        return Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"consult-" + consultId + ".ics\"").build();
    }

    @POST
    @Path("{consultId}/reschedule")
    @RolesAllowed(Roles.PATIENT)
    @APIResponse(responseCode = "409", description = "The consult is no longer BOOKED (checked first), the cut-off "
            + "has passed or the slot is taken; the body names the state")
    @APIResponse(responseCode = "200", description = "The moved consult")
    @Operation(operationId = "rescheduleConsult",
            summary = "Move the consult to another free slot, up to the cut-off before it")
    public ConsultView reschedule(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId,
                                  @NotNull @Valid BookRequest request) {
        return view(service.reschedule(caseId, consultId, user, request));
    }

    /** The specialist must give a reason (the patient reads it); the patient only up to the cut-off. */
    @POST
    @Path("{consultId}/cancel")
    @Operation(operationId = "cancelConsult",
            summary = "Cancel the consult (the patient up to the cut-off; the specialist with a reason)")
    public ConsultView cancel(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId,
                              @Valid CancelRequest request) {
        return view(service.cancel(caseId, consultId, user, request == null ? null : request.reason()));
    }

    @POST
    @Path("{consultId}/complete")
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(operationId = "completeConsult",
            summary = "The specialist marks the consult held, with a note that joins the case record")
    public ConsultView complete(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId,
                                @NotNull @Valid CompleteRequest request) {
        return view(service.complete(caseId, consultId, user, request));
    }

    @POST
    @Path("{consultId}/no-show")
    @Consumes(MediaType.WILDCARD) // an action without a body: any or no Content-Type
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(operationId = "markConsultNoShow", summary = "The specialist marks that the patient did not come")
    public ConsultView noShow(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId) {
        return view(service.noShow(caseId, consultId, user));
    }

    /** The video link: the two participants only, from 15 minutes before the start until the end. */
    @GET
    @Path("{consultId}/join")
    @APIResponse(responseCode = "409", description = "Outside the join window or not BOOKED; the body names the state")
    @APIResponse(responseCode = "200", description = "The video link for this participant")
    @Operation(operationId = "joinConsult",
            summary = "The video room link for you, from 15 minutes before the start until the end")
    public JoinView join(@PathParam("id") UUID caseId, @PathParam("consultId") UUID consultId) {
        return service.join(caseId, consultId, user);
    }

    private ConsultView view(Consult c) {
        return new ConsultView(c.id, c.caseId, c.specialistId, c.status, c.startsAt, c.endsAt, c.sequence,
                c.cancelledBy == null ? null : c.cancelledBy.name(), c.cancelReason, c.note,
                c.startsAt.minus(service.joinOpensBefore()), c.bookedAt, c.updatedAt);
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidFieldProblem("zone", "must be an IANA time zone such as America/New_York");
        }
    }
}

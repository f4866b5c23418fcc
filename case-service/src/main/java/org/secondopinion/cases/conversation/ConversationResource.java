package org.secondopinion.cases.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.secondopinion.platform.security.ScopedTo;

@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Information requests and messages")
public class ConversationResource {

    public record InformationRequestCreate(@NotBlank @Size(max = 4000) String question) {
    }

    public record InformationResponse(@NotBlank @Size(max = 10000) String answer) {
    }

    public record MessageCreate(@NotBlank @Size(max = 4000) String body) {
    }

    public record InformationRequestView(UUID id, String question, Instant requestedAt,
                                         @Schema(nullable = true) String answer,
                                         @Schema(nullable = true) Instant answeredAt) {
    }

    public record MessageView(UUID id, String authorId, String authorRole, String body, Instant createdAt) {
    }

    @org.mapstruct.Mapper
    public interface ConversationMapper {
        InformationRequestView toView(InformationRequest r);

        MessageView toView(CaseMessage m);
    }

    private final ConversationService conversation;
    private final ConversationMapper mapper;
    private final CurrentUser user;

    public ConversationResource(ConversationService conversation, ConversationMapper mapper, CurrentUser user) {
        this.conversation = conversation;
        this.mapper = mapper;
        this.user = user;
    }

    @POST
    @Path("information-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SPECIALIST)
    @Operation(operationId = "requestInformation",
            summary = "Ask the patient for missing information (assigned specialist)")
    @APIResponse(responseCode = "201", description = "The question, open",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InformationRequestView.class)))
    public Response request(@PathParam("id") UUID caseId, @NotNull @Valid InformationRequestCreate body,
                            @Context UriInfo uri) {
        InformationRequest r = conversation.request(caseId, body.question(), user);
        return Response.created(uri.getAbsolutePathBuilder().path(r.id.toString()).build())
                .entity(mapper.toView(r)).build();
    }

    @GET
    @Path("information-requests/{requestId}")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "getInformationRequest",
            summary = "One of the specialist's questions, with the patient's answer once given")
    public InformationRequestView informationRequest(@PathParam("id") UUID caseId,
                                                     @PathParam("requestId") UUID requestId) {
        return conversation.findRequest(caseId, requestId, user).map(r -> mapper.toView(r))
                .orElseThrow(() -> new NotFoundProblem("information request", requestId));
    }

    @GET
    @Path("information-requests")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "listInformationRequests",
            summary = "The specialist's questions and the patient's answers")
    public List<InformationRequestView> requests(@PathParam("id") UUID caseId) {
        return conversation.requests(caseId, user).stream().map(r -> mapper.toView(r)).toList();
    }

    @POST
    @Path("information-requests/{requestId}/response")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "answerInformationRequest",
            summary = "Answer the specialist's question (new records go through the documents endpoint)")
    public InformationRequestView answer(@PathParam("id") UUID caseId, @PathParam("requestId") UUID requestId,
                                         @NotNull @Valid InformationResponse body) {
        return mapper.toView(conversation.answer(caseId, requestId, body.answer(), user));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "postMessage",
            summary = "Write in the case's thread (patient, assigned specialist, coordinators)")
    @APIResponse(responseCode = "201", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageView.class)))
    public Response post(@PathParam("id") UUID caseId, @NotNull @Valid MessageCreate body, @Context UriInfo uri) {
        CaseMessage m = conversation.post(caseId, body.body(), user);
        return Response.created(uri.getAbsolutePathBuilder().path(m.id.toString()).build())
                .entity(mapper.toView(m)).build();
    }

    @GET
    @Path("messages/{messageId}")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "getMessage", summary = "One message of the case's thread")
    public MessageView message(@PathParam("id") UUID caseId, @PathParam("messageId") UUID messageId) {
        return conversation.findMessage(caseId, messageId, user).map(m -> mapper.toView(m))
                .orElseThrow(() -> new NotFoundProblem("message", messageId));
    }

    @GET
    @Path("messages")
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "listMessages", summary = "The case's thread, oldest first")
    public List<MessageView> thread(@PathParam("id") UUID caseId) {
        return conversation.thread(caseId, user).stream().map(m -> mapper.toView(m)).toList();
    }
}

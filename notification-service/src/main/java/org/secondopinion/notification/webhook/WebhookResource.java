package org.secondopinion.notification.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.secondopinion.notification.webhook.WebhookDtos.WebhookDeliveryView;
import org.secondopinion.notification.webhook.WebhookDtos.WebhookRegistration;
import org.secondopinion.notification.webhook.WebhookDtos.RegisteredWebhook;
import org.secondopinion.notification.webhook.WebhookDtos.WebhookView;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.UUID;

/** Thin HTTP face of {@link WebhookService} for partner clinics (client-credentials tokens with a clinic_id). */
@Path("/api/v1/webhooks")
@RolesAllowed(Roles.CLINIC)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed status callbacks for your referrals; docs/WEBHOOKS.md explains them")
public class WebhookResource {

    private final WebhookService service;
    private final CurrentUser clinic;

    public WebhookResource(WebhookService service, CurrentUser clinic) {
        this.service = service;
        this.clinic = clinic;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhook", summary = "Register a URL for your referrals' status callbacks")
    @APIResponse(responseCode = "201", description = "The webhook with its signing secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegisteredWebhook.class)))
    @APIResponse(responseCode = "400", description = "The url is not an absolute https URL, or points to localhost or"
            + " an address that is not public (private, loopback, link-local, ...); the problem names it")
    @APIResponse(responseCode = "403", description = "The token has no clinic_id claim")
    @APIResponse(responseCode = "409", description = "You already have the most webhooks a clinic may register")
    public Response register(@NotNull @Valid WebhookRegistration request, @Context UriInfo uri) {
        RegisteredWebhook created = service.register(clinic, request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "Your webhooks, oldest first (without their secrets)")
    public PageResult<WebhookView> list(@BeanParam @Valid PageParams paging) {
        return service.list(clinic, paging.page, paging.size);
    }

    @GET
    @ScopedTo(kind = WebhookVisibility.WEBHOOK)
    @Path("{id}")
    @Operation(summary = "One of your webhooks (without its secret)")
    @APIResponse(responseCode = "200", description = "The webhook")
    @APIResponse(responseCode = "404", description = "No such webhook, a deleted one, or another clinic's")
    public WebhookView get(@PathParam("id") UUID id) {
        return service.get(clinic, id);
    }

    @DELETE
    @ScopedTo(kind = WebhookVisibility.WEBHOOK)
    @Path("{id}")
    @Operation(summary = "Delete a webhook: nothing more is sent to it, pending deliveries are dropped")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook, a deleted one, or another clinic's")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(clinic, id);
        return Response.noContent().build();
    }

    @GET
    @ScopedTo(kind = WebhookVisibility.WEBHOOK)
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's delivery history, newest first")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(responseCode = "404", description = "No such webhook, a deleted one, or another clinic's")
    public PageResult<WebhookDeliveryView> deliveries(@PathParam("id") UUID id, @BeanParam @Valid PageParams paging) {
        return service.deliveries(clinic, id, paging.page, paging.size);
    }
}

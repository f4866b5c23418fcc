package org.secondopinion.matching.offers;

import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.matching.offers.OfferDtos.DeclineRequest;
import org.secondopinion.matching.offers.OfferDtos.OfferSummary;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.security.ScopedTo;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.UUID;

/** A specialist's offers: list the pending ones, accept or decline. */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SPECIALIST)
public class OfferResource {

    private final OfferResponses offers;
    private final CurrentUser user;

    public OfferResource(OfferResponses offers, CurrentUser user) {
        this.offers = offers;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listMyPendingOffers")
    public PageResult<OfferSummary> myPendingOffers(@BeanParam @Valid PageParams page) {
        var items = offers.pendingOffersOf(user.id(), page.offset(), page.size).stream().map(OfferSummary::of).toList();
        return new PageResult<>(items, page.page, page.size, offers.countPendingOffersOf(user.id()));
    }

    @POST
    @Path("/{id}/accept")
    @ScopedTo(kind = OfferVisibility.OFFER)
    @Operation(operationId = "acceptOffer")
    public OfferSummary accept(@PathParam("id") UUID id) {
        return OfferSummary.of(offers.accept(id, user.id()));
    }

    @POST
    @Path("/{id}/decline")
    @ScopedTo(kind = OfferVisibility.OFFER)
    @Operation(operationId = "declineOffer")
    public OfferSummary decline(@PathParam("id") UUID id, @NotNull @Valid DeclineRequest request) {
        return OfferSummary.of(offers.decline(id, user.id(), request.reason()));
    }
}

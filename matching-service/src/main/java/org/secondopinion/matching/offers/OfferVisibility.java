package org.secondopinion.matching.offers;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.ObjectVisibility;

import java.util.UUID;

/**
 * Which offers a specialist may see, for the operations under {@code /api/v1/offers/{id}} ({@code @ScopedTo}): the
 * ones made to them, whatever their state (accepting a declined one is then 409, not 404). Asked before the request
 * is judged, so another specialist's offer is 404 whatever the body (DESIGN §3).
 */
@ApplicationScoped
public class OfferVisibility implements ObjectVisibility {

    public static final String OFFER = "offer";

    private final OfferRepository offers;

    public OfferVisibility(OfferRepository offers) {
        this.offers = offers;
    }

    @Override
    public String kind() {
        return OFFER;
    }

    @Override
    public boolean visible(UUID id, CurrentUser user) {
        return offers.offeredTo(id, user.id());
    }
}

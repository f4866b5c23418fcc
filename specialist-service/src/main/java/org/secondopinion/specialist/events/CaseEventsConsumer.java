package org.secondopinion.specialist.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.specialist.ratings.RatingService;

/**
 * case-events, for ratings: each rating counts once (inbox). Other case events are skipped before any transaction,
 * so they do not fill the inbox.
 */
@ApplicationScoped
public class CaseEventsConsumer implements EventHandlers {

    private final RatingService ratings;

    public CaseEventsConsumer(RatingService ratings) {
        this.ratings = ratings;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.event(EventTypes.CASE_RATED, CaseRated.class, ratings::record);
    }
}

package org.secondopinion.cases.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.cases.casefile.CaseService;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;

/**
 * What the matcher decided: assignment, failure or a rematch's new offer moves the case on. Each event takes effect
 * once (inbox); declines are not the case's business.
 */
@ApplicationScoped
public class MatchingEventsConsumer implements EventHandlers {

    private final CaseService cases;

    public MatchingEventsConsumer(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.event(EventTypes.MATCH_ASSIGNED, MatchAssigned.class, cases::onAssigned)
                .event(EventTypes.MATCH_FAILED, MatchFailed.class, cases::onMatchFailed)
                // an offer for an UNMATCHED case means a coordinator's rematch found someone: matching again
                .event(EventTypes.MATCH_OFFERED, MatchOffered.class, cases::onOffered);
    }
}

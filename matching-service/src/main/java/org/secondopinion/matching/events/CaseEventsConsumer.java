package org.secondopinion.matching.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.matching.matches.MatchLifecycle;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseSubmitted;

/**
 * case-events: a submitted case opens a match; a cancelled one withdraws its offer; delivered, closed and cancelled
 * cases give the specialist's load back; a claimed clinic referral gets its patient. Other types are not ours.
 */
@ApplicationScoped
public class CaseEventsConsumer implements EventHandlers {

    private final MatchLifecycle matches;

    public CaseEventsConsumer(MatchLifecycle matches) {
        this.matches = matches;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.event(EventTypes.CASE_SUBMITTED, CaseSubmitted.class, matches::open)
                .beforeBatch(EventTypes.CASE_SUBMITTED, CaseSubmitted.class, matches::lookUp)
                .event(EventTypes.CASE_CANCELLED, CaseCancelled.class, matches::cancel)
                .event(EventTypes.CASE_CLAIMED, CaseClaimed.class, matches::claimed)
                .event(EventTypes.CASE_OPINION_DELIVERED, CaseOpinionDelivered.class, e -> matches.finished(e.caseId()))
                .event(EventTypes.CASE_CLOSED, CaseClosed.class, e -> matches.finished(e.caseId()));
    }
}

package org.secondopinion.matching.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.secondopinion.matching.matches.MatchService;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.inbox.Inbox;

/**
 * case-events: a submitted case opens a match; a cancelled one withdraws its offer; delivered, closed and cancelled
 * cases give the specialist's load back; a claimed clinic referral gets its patient. Other types are not ours.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final MatchService matches;

    public CaseEventsConsumer(Inbox inbox, ObjectMapper mapper, MatchService matches) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.matches = matches;
    }

    @Incoming("case-events")
    @Blocking
    public void onMessage(String message) {
        inbox.process(SpecialistEventsConsumer.CONSUMER, message, event -> {
            switch (event.type()) {
                case EventTypes.CASE_SUBMITTED -> matches.open(event.dataAs(CaseSubmitted.class, mapper));
                case EventTypes.CASE_CANCELLED -> matches.cancel(event.dataAs(CaseCancelled.class, mapper));
                case EventTypes.CASE_CLAIMED -> matches.claimed(event.dataAs(CaseClaimed.class, mapper));
                case EventTypes.CASE_OPINION_DELIVERED ->
                        matches.finished(event.dataAs(CaseOpinionDelivered.class, mapper).caseId());
                case EventTypes.CASE_CLOSED -> matches.finished(event.dataAs(CaseClosed.class, mapper).caseId());
                default -> {
                    // other case events are for other services
                }
            }
        });
    }
}

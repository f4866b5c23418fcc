package org.secondopinion.cases.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.secondopinion.cases.cases.CaseService;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.inbox.Inbox;

/** What the matcher decided: assignment, failure or a rematch's new offer moves the case on. Each event takes effect once (inbox). */
@ApplicationScoped
public class MatchingEventsConsumer {

    static final String CONSUMER = "case-service";

    private final Inbox inbox;
    private final CaseService cases;
    private final ObjectMapper json;

    public MatchingEventsConsumer(Inbox inbox, CaseService cases, ObjectMapper json) {
        this.inbox = inbox;
        this.cases = cases;
        this.json = json;
    }

    @Incoming("matching-events")
    @Blocking
    public void onEvent(String message) {
        inbox.process(CONSUMER, message, event -> {
            switch (event.type()) {
                case EventTypes.MATCH_ASSIGNED -> cases.onAssigned(event.dataAs(MatchAssigned.class, json));
                case EventTypes.MATCH_FAILED -> cases.onMatchFailed(event.dataAs(MatchFailed.class, json));
                // an offer for an UNMATCHED case means a coordinator's rematch found someone: matching again
                case EventTypes.MATCH_OFFERED -> cases.onOffered(event.dataAs(MatchOffered.class, json));
                default -> {
                    // declines: not the case's business
                }
            }
        });
    }
}

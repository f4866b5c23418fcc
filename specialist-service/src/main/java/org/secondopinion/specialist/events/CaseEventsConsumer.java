package org.secondopinion.specialist.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.platform.inbox.Inbox;
import org.secondopinion.specialist.ratings.RatingService;

/**
 * Consumes case-events for ratings. Other case events are skipped before the inbox, so they do not fill it. Each
 * rating is counted once (platform inbox); an unreadable message throws and lands on
 * {@code case-events.specialist-service.dlq}.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    static final String CONSUMER = "specialist-service";

    private final Inbox inbox;
    private final RatingService ratings;
    private final ObjectMapper json;

    public CaseEventsConsumer(Inbox inbox, RatingService ratings, ObjectMapper json) {
        this.inbox = inbox;
        this.ratings = ratings;
        this.json = json;
    }

    @Incoming("case-events")
    @Blocking
    public void onCaseEvent(String message) {
        if (!EventTypes.CASE_RATED.equals(inbox.parse(message).type())) {
            return;
        }
        inbox.process(CONSUMER, message, event -> ratings.record(event.dataAs(CaseRated.class, json)));
    }
}

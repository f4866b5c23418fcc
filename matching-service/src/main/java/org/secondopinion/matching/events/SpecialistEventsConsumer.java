package org.secondopinion.matching.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;
import org.secondopinion.platform.inbox.Inbox;

/** specialist-events: directory snapshots into our projection. */
@ApplicationScoped
public class SpecialistEventsConsumer {

    private static final Logger LOG = Logger.getLogger(SpecialistEventsConsumer.class);
    static final String CONSUMER = "matching-service";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final SpecialistProjectionService projection;

    public SpecialistEventsConsumer(Inbox inbox, ObjectMapper mapper, SpecialistProjectionService projection) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.projection = projection;
    }

    @Incoming("specialist-events")
    @Blocking
    public void onMessage(String message) {
        inbox.process(CONSUMER, message, event -> {
            if (EventTypes.SPECIALIST_UPSERTED.equals(event.type())) {
                projection.upsert(event.dataAs(SpecialistUpserted.class, mapper));
            } else {
                LOG.debugf("ignored %s on specialist-events", event.type());
            }
        });
    }
}

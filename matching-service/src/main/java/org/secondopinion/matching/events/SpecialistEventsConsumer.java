package org.secondopinion.matching.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

/** specialist-events: directory snapshots into our projection. */
@ApplicationScoped
public class SpecialistEventsConsumer implements EventHandlers {

    private final SpecialistProjectionService projection;

    public SpecialistEventsConsumer(SpecialistProjectionService projection) {
        this.projection = projection;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.event(EventTypes.SPECIALIST_UPSERTED, SpecialistUpserted.class, projection::upsert);
    }
}

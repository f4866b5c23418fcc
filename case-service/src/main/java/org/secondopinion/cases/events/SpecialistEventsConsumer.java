package org.secondopinion.cases.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.cases.consults.AvailabilityProjection;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;

/** Specialists' consult availability, for the slots a patient may book; profile snapshots are not ours. */
@ApplicationScoped
public class SpecialistEventsConsumer implements EventHandlers {

    private final AvailabilityProjection availability;

    public SpecialistEventsConsumer(AvailabilityProjection availability) {
        this.availability = availability;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.event(EventTypes.SPECIALIST_AVAILABILITY_CHANGED, SpecialistAvailabilityChanged.class,
                availability::onChanged);
    }
}

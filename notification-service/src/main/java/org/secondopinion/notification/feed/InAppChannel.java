package org.secondopinion.notification.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.delivery.DeliveryChannel;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.platform.events.EventEnvelope;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The in-app feed: always on (DESIGN §6), delivered by writing the feed row. */
@ApplicationScoped
public class InAppChannel implements DeliveryChannel {

    private final NotificationRepository repository;
    private final Clock clock;

    public InAppChannel(NotificationRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public void deliver(EventEnvelope event, NotificationIntent intent) {
        repository.insertOnce(new Notification(UUID.randomUUID(), intent.recipient(), event.id(), event.type(),
                intent.kind(), intent.caseReference(), intent.text(), Instant.now(clock)));
    }
}

package org.secondopinion.notification.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.secondopinion.notification.delivery.NotificationDispatcher;
import org.secondopinion.platform.inbox.Inbox;

/**
 * Consumes the case and matching topics. Each event is handled once (platform inbox); an unreadable one throws,
 * and the channel's dead-letter-queue strategy parks it on {@code <topic>.notification-service.dlq} with the reason.
 */
@ApplicationScoped
public class NotificationEventsConsumer {

    static final String CONSUMER = "notification-service";

    private final Inbox inbox;
    private final NotificationDispatcher dispatcher;

    public NotificationEventsConsumer(Inbox inbox, NotificationDispatcher dispatcher) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
    }

    @Incoming("case-events")
    @Blocking
    public void onCaseEvent(String message) {
        inbox.process(CONSUMER, message, dispatcher::dispatch);
    }

    @Incoming("matching-events")
    @Blocking
    public void onMatchingEvent(String message) {
        inbox.process(CONSUMER, message, dispatcher::dispatch);
    }
}

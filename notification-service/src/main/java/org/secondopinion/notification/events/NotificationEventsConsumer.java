package org.secondopinion.notification.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.secondopinion.notification.delivery.NotificationDispatcher;
import org.secondopinion.notification.webhook.ReferralWebhooks;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.inbox.Inbox;

/**
 * Consumes the case and matching topics. Each event is handled once (platform inbox): people are notified and
 * referring clinics' webhooks are queued in the same transaction as the inbox row. An unreadable event throws, and
 * the channel's dead-letter-queue strategy parks it on {@code <topic>.notification-service.dlq} with the reason.
 */
@ApplicationScoped
public class NotificationEventsConsumer {

    static final String CONSUMER = "notification-service";

    private final Inbox inbox;
    private final NotificationDispatcher dispatcher;
    private final ReferralWebhooks webhooks;

    public NotificationEventsConsumer(Inbox inbox, NotificationDispatcher dispatcher, ReferralWebhooks webhooks) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
    }

    @Incoming("case-events")
    @Blocking
    public void onCaseEvent(String message) {
        inbox.process(CONSUMER, message, this::handle);
    }

    @Incoming("matching-events")
    @Blocking
    public void onMatchingEvent(String message) {
        inbox.process(CONSUMER, message, this::handle);
    }

    private void handle(EventEnvelope event) {
        dispatcher.dispatch(event);
        webhooks.onEvent(event);
    }
}

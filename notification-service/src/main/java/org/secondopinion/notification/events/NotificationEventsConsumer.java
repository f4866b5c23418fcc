package org.secondopinion.notification.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.notification.consults.ConsultReminders;
import org.secondopinion.notification.delivery.NotificationDispatcher;
import org.secondopinion.notification.webhook.ReferralWebhooks;
import org.secondopinion.platform.consumer.EventHandlers;
import org.secondopinion.platform.consumer.HandlerRegistry;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;

import java.util.List;

/**
 * Every event of the case and matching topics: people are notified ({@link NotificationDispatcher} decides who hears
 * about which type) and referring clinics' webhooks are queued, in the same transaction as the inbox row. An
 * unreadable event goes to {@code <topic>.notification-service.dlq} with the reason.
 */
@ApplicationScoped
public class NotificationEventsConsumer implements EventHandlers {

    private final NotificationDispatcher dispatcher;
    private final ReferralWebhooks webhooks;
    private final ConsultReminders reminders;

    public NotificationEventsConsumer(NotificationDispatcher dispatcher, ReferralWebhooks webhooks,
                                      ConsultReminders reminders) {
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.reminders = reminders;
    }

    @Override
    public void define(HandlerRegistry on) {
        on.envelopes(EventTypes.all(), this::handle).beforeEachBatch(this::lookUp);
    }

    /** One query per batch for what each event would otherwise look up on its own: recipients, referrals. */
    void lookUp(List<EventEnvelope> batch) {
        dispatcher.lookUp(batch);
        webhooks.lookUp(batch);
    }

    void handle(EventEnvelope event) {
        dispatcher.dispatch(event);
        webhooks.onEvent(event);
        reminders.onEvent(event);
    }
}

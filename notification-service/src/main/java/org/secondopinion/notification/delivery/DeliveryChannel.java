package org.secondopinion.notification.delivery;

import org.secondopinion.notification.preferences.ContactPreferences;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.List;

/**
 * One way of reaching people. Implementations are CDI beans; {@link NotificationDispatcher} hands every intent
 * to each of them, so adding a channel is adding a bean (plus, for external channels, an outbox-like delivery
 * table with retries). {@link #deliver} runs inside the inbox transaction of the event: it must only record
 * work in the database and never call the outside world directly.
 */
public interface DeliveryChannel {

    Channel channel();

    /**
     * Records the delivery of {@code intent}; a second call for the same event and recipient changes nothing.
     *
     * @param people the contact preferences of whoever the intent's recipient stands for (the user, or every
     *               coordinator for a role address), read once by the dispatcher for all channels; empty when
     *               nobody saved any
     */
    void deliver(EventEnvelope event, NotificationIntent intent, List<ContactPreferences> people);
}

package org.secondopinion.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;
import org.secondopinion.notification.preferences.ContactPreferences;
import org.secondopinion.notification.preferences.PreferencesService;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.Routing;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.tx.BatchAnswers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes an event to its recipients and hands each of them to every delivery channel, with the contact preferences
 * of the people behind the recipient read once for all channels (one query per recipient, not one per channel), and
 * for a consumed batch once for all of its recipients ({@link #lookUp}).
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final Routing routing;
    private final Instance<DeliveryChannel> channels;
    private final PreferencesService preferences;
    /** A consumed batch's events routed ahead, by event id. */
    private final BatchAnswers<String, List<NotificationIntent>> routed;

    public NotificationDispatcher(Routing routing, Instance<DeliveryChannel> channels, PreferencesService preferences,
                                  TransactionSynchronizationRegistry transactions) {
        this.routing = routing;
        this.channels = channels;
        this.preferences = preferences;
        this.routed = new BatchAnswers<>(transactions);
    }

    /**
     * Once per consumed batch, before its events are dispatched: routes them all and reads the contact preferences
     * of all their recipients in one query, instead of one per recipient. An event that cannot be routed is left to
     * {@link #dispatch}, which turns it away.
     */
    public void lookUp(List<EventEnvelope> batch) {
        Map<String, List<NotificationIntent>> intents = new HashMap<>();
        Set<String> recipients = new HashSet<>();
        for (EventEnvelope event : batch) {
            try {
                List<NotificationIntent> ofEvent = routing.route(event);
                intents.put(event.id(), ofEvent);
                ofEvent.forEach(intent -> recipients.add(intent.recipient()));
            } catch (RuntimeException unreadable) {
                // dispatch routes it again, throws the same, and the consumer parks the event
            }
        }
        routed.record(intents.keySet(), intents);
        preferences.lookUp(recipients);
    }

    public void dispatch(EventEnvelope event) {
        List<NotificationIntent> intents = routed.get(event.id(), id -> routing.route(event));
        for (NotificationIntent intent : intents) {
            deliver(event, intent);
        }
        // ids and counts only: recipients and texts stay out of the logs
        LOG.debugf("event %s (%s) routed to %d recipient(s)", event.id(), event.type(), intents.size());
    }

    /** Hands one intent to every channel, in the caller's transaction. */
    public void deliver(EventEnvelope event, NotificationIntent intent) {
        List<ContactPreferences> people = preferences.reachable(intent.recipient());
        for (DeliveryChannel channel : channels) {
            channel.deliver(event, intent, people);
        }
    }
}

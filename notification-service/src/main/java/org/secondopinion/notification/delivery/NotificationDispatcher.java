package org.secondopinion.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.secondopinion.notification.preferences.ContactPreferences;
import org.secondopinion.notification.preferences.PreferencesService;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.Routing;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.List;

/**
 * Routes an event to its recipients and hands each of them to every delivery channel, with the contact preferences
 * of the people behind the recipient read once for all channels (one query per recipient, not one per channel).
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final Routing routing;
    private final Instance<DeliveryChannel> channels;
    private final PreferencesService preferences;

    public NotificationDispatcher(Routing routing, Instance<DeliveryChannel> channels, PreferencesService preferences) {
        this.routing = routing;
        this.channels = channels;
        this.preferences = preferences;
    }

    public void dispatch(EventEnvelope event) {
        List<NotificationIntent> intents = routing.route(event);
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

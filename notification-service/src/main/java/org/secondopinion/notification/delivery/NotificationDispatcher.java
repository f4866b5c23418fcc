package org.secondopinion.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.Routing;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.List;

/** Routes an event to its recipients and hands each of them to every delivery channel. */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final Routing routing;
    private final Instance<DeliveryChannel> channels;

    public NotificationDispatcher(Routing routing, Instance<DeliveryChannel> channels) {
        this.routing = routing;
        this.channels = channels;
    }

    public void dispatch(EventEnvelope event) {
        List<NotificationIntent> intents = routing.route(event);
        for (NotificationIntent intent : intents) {
            for (DeliveryChannel channel : channels) {
                channel.deliver(event, intent);
            }
        }
        // ids and counts only: recipients and texts stay out of the logs
        LOG.debugf("event %s (%s) routed to %d recipient(s)", event.id(), event.type(), intents.size());
    }
}

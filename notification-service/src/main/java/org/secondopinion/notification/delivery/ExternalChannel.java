package org.secondopinion.notification.delivery;

import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.work.Workers;
import org.secondopinion.notification.preferences.ContactPreferences;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.platform.events.EventEnvelope;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * E-mail, SMS and push: records a delivery row for people who switched the channel on for this kind and left a
 * contact point, and wakes the {@link DeliveryQueue} once the event's transaction has committed — never sending
 * from inside it, so a rollback cannot leave a message sent for an event we did not keep.
 */
public abstract class ExternalChannel implements DeliveryChannel {

    private final DeliveryRepository deliveries;
    private final Workers workers;
    private final Clock clock;

    protected ExternalChannel(DeliveryRepository deliveries, Workers workers, Clock clock) {
        this.deliveries = deliveries;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public void deliver(EventEnvelope event, NotificationIntent intent, List<ContactPreferences> people) {
        // a role address reaches each holder who saved preferences, keyed by their own sub
        for (ContactPreferences prefs : people) {
            deliver(event, intent, prefs);
        }
    }

    private void deliver(EventEnvelope event, NotificationIntent intent, ContactPreferences prefs) {
        List<String> addresses = prefs.addressesFor(intent.kind(), channel());
        if (addresses.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        Instant notBefore = channel().respectsQuietHours()
                ? prefs.quietHours().map(q -> q.nextAllowed(now)).orElse(now) : now;
        boolean inserted = deliveries.insertOnce(new Delivery(Ids.newId(), event.id(), event.type(),
                prefs.userId, channel(), intent.kind(), intent.caseReference(), intent.text(), addresses, now,
                notBefore));
        if (inserted && !notBefore.isAfter(now)) {
            workers.wakeAfterCommit(DeliveryQueue.NAME);
        }
    }
}

package org.secondopinion.notification.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.delivery.DeliveryChannel;
import org.secondopinion.notification.preferences.ContactPreferences;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.tx.AdvisoryLocks;
import org.secondopinion.platform.tx.AfterCommit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The in-app feed: always on (DESIGN §6), delivered by writing the feed row; live clients hear after commit. */
@ApplicationScoped
public class InAppChannel implements DeliveryChannel {

    /** Arbitrary constant: the advisory lock that orders feed inserts (see {@link #record}). */
    private static final long FEED_LOCK_ID = 0x5EC0_FEED_0001L;

    private final NotificationRepository repository;
    private final AdvisoryLocks locks;
    private final TransactionSynchronizationRegistry transactions;
    private final FeedStream stream;
    private final Clock clock;

    public InAppChannel(NotificationRepository repository, AdvisoryLocks locks,
                        TransactionSynchronizationRegistry transactions, FeedStream stream, Clock clock) {
        this.repository = repository;
        this.locks = locks;
        this.transactions = transactions;
        this.stream = stream;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public void deliver(EventEnvelope event, NotificationIntent intent, List<ContactPreferences> people) {
        record(event.id(), event.type(), intent); // always on: whatever the people chose
    }

    /**
     * Writes a feed item once per (event id, recipient). Must run in a transaction. The transaction-scoped advisory
     * lock makes feed inserts commit in the order of their {@code seq}, so the SSE stream, which resumes "after
     * seq N", can never skip an item that committed late with a lower number.
     */
    public void record(String eventId, String eventType, NotificationIntent intent) {
        locks.holdUntilCommit(FEED_LOCK_ID);
        boolean inserted = repository.insertOnce(new Notification(Ids.newId(), intent.recipient(), eventId,
                eventType, intent.kind(), intent.caseReference(), intent.text(), Instant.now(clock)));
        if (inserted) {
            AfterCommit.run(transactions, stream::wake);
        }
    }
}

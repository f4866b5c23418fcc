package org.secondopinion.notification.feed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.NotificationKind;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed items commit in the order of their {@code seq} (the live stream resumes "after seq N" and must never skip a
 * late commit): a transaction that recorded items holds the feed's lock until it ends, also when it recorded several
 * and asked for the lock only once, and the next transaction's item waits for it and gets the higher number.
 */
@QuarkusTest
class FeedOrderLockTest {

    @Inject
    InAppChannel inApp;

    @Inject
    UserTransaction transaction;

    @Inject
    EntityManager em;

    @Test
    void aTransactionThatRecordedItemsHoldsTheFeedOrderUntilItCommits() throws Exception {
        String recipient = "feed-order-" + UUID.randomUUID();
        transaction.begin();
        CompletableFuture<Void> later;
        boolean committed = false;
        try {
            inApp.record(UUID.randomUUID().toString(), "case.updated.v1", intent(recipient, "first"));
            inApp.record(UUID.randomUUID().toString(), "case.updated.v1", intent(recipient, "second"));
            later = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() ->
                    inApp.record(UUID.randomUUID().toString(), "case.updated.v1", intent(recipient, "third"))));
            // the other transaction waits for this one's lock (taken for the first item, still held after the second)
            assertThat(later).failsWithin(500, TimeUnit.MILLISECONDS).withThrowableOfType(TimeoutException.class);
            transaction.commit();
            committed = true;
        } finally {
            if (!committed && transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
        later.get(20, TimeUnit.SECONDS);

        List<String> texts = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT text FROM notification WHERE recipient = ?1 ORDER BY seq", String.class)
                .setParameter(1, recipient).getResultList());
        assertThat(texts).containsExactly("first", "second", "third");
    }

    private static NotificationIntent intent(String recipient, String text) {
        return new NotificationIntent(recipient, NotificationKind.CASE_UPDATED, "SO-2026-000001", text);
    }
}

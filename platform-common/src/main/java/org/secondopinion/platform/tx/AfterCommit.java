package org.secondopinion.platform.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the current transaction has committed, and not at all if it rolls back: how a worker is
 * woken for rows that only exist once the commit is through (outbox relay, deliveries, feed streams, webhooks).
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** {@code action} after a successful commit of the transaction in progress. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}

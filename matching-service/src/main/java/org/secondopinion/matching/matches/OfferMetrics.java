package org.secondopinion.matching.matches;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.platform.tx.AfterCommit;

/**
 * Business metrics of DESIGN §9 "offers declined/expired": {@code offers_declined_total} and
 * {@code offers_expired_total} at /q/metrics, by urgency (ROUTINE/URGENT: two values, whatever an event carried).
 * A count goes up only when the transaction that declined or expired the offer commits: a decline that rolled back
 * (say, it lost a race with the expiry job) did not happen.
 */
@ApplicationScoped
public class OfferMetrics {

    static final String DECLINED = "offers.declined";
    static final String EXPIRED = "offers.expired";

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public OfferMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** Every series exists from the start, so a dashboard shows 0 rather than "no data" before the first one. */
    void register(@Observes StartupEvent event) {
        for (String urgency : new String[]{"ROUTINE", "URGENT"}) {
            registry.counter(DECLINED, "urgency", urgency);
            registry.counter(EXPIRED, "urgency", urgency);
        }
    }

    /** Inside the transaction that declined the offer. */
    void declined(Match match) {
        afterCommit(DECLINED, match);
    }

    /** Inside the transaction that expired the offer. */
    void expired(Match match) {
        afterCommit(EXPIRED, match);
    }

    private void afterCommit(String name, Match match) {
        String urgency = match.urgent() ? "URGENT" : "ROUTINE";
        AfterCommit.run(transactions, () -> registry.counter(name, "urgency", urgency).increment());
    }
}

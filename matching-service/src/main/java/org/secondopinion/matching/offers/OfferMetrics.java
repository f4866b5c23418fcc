package org.secondopinion.matching.offers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.platform.tx.AfterCommit;

import java.time.Duration;
import java.time.Instant;

/**
 * Business metrics of DESIGN §9 "offers declined/expired": {@code offers_declined_total} and
 * {@code offers_expired_total} at /q/metrics, by urgency (ROUTINE/URGENT: two values, whatever an event carried).
 * A count goes up only when the transaction that declined or expired the offer commits: a decline that rolled back
 * (say, it lost a race with the expiry job) did not happen.
 * <p>
 * The journey objective "a submitted case is offered to a specialist within 60 s" (docs/OPERATIONS.md, "Alerts and
 * runbooks") reads {@code matching_time_to_first_offer_seconds}: from the case's submission (the event's
 * {@code submittedAt}) to its first offer, a histogram with a bucket at exactly 60 s.
 */
@ApplicationScoped
public class OfferMetrics {

    static final String DECLINED = "offers.declined";
    static final String EXPIRED = "offers.expired";
    static final String TIME_TO_FIRST_OFFER = "matching.time.to.first.offer";
    private static final Duration[] FIRST_OFFER_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

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
            timeToFirstOffer(urgency);
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

    /** Inside the transaction that made a submitted case's first offer. */
    public void firstOffered(Match match, Instant submittedAt, Instant offeredAt) {
        if (submittedAt == null) {
            return;
        }
        Duration waited = Duration.between(submittedAt, offeredAt);
        Timer timer = timeToFirstOffer(match.urgent() ? "URGENT" : "ROUTINE");
        AfterCommit.run(transactions, () -> timer.record(waited.isNegative() ? Duration.ZERO : waited));
    }

    private Timer timeToFirstOffer(String urgency) {
        return Timer.builder(TIME_TO_FIRST_OFFER)
                .description("From a case's submission to its first offer to a specialist")
                .tag("urgency", urgency).serviceLevelObjectives(FIRST_OFFER_BUCKETS).register(registry);
    }

    private void afterCommit(String name, Match match) {
        String urgency = match.urgent() ? "URGENT" : "ROUTINE";
        AfterCommit.run(transactions, () -> registry.counter(name, "urgency", urgency).increment());
    }
}

package org.secondopinion.matching.matches;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Moves cases on when a specialist lets an offer run past its deadline. Safe on several replicas (SKIP LOCKED). */
@ApplicationScoped
public class OfferExpiryJob {

    private final MatchService matches;

    public OfferExpiryJob(MatchService matches) {
        this.matches = matches;
    }

    @Scheduled(every = "${so.matching.expiry-interval:30s}", delayed = "${so.matching.expiry-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        // one batch per transaction, so a large backlog never holds locks for long
        while (matches.expireOverdueOffers() > 0) {
            // more may be due
        }
    }
}

package org.secondopinion.matching.offers;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Moves cases on when a specialist lets an offer run past its deadline. Safe on several replicas (SKIP LOCKED). */
@ApplicationScoped
public class OfferExpiryJob {

    private final OfferResponses offers;

    public OfferExpiryJob(OfferResponses offers) {
        this.offers = offers;
    }

    @Scheduled(every = "${so.matching.expiry-interval:30s}", delayed = "${so.matching.expiry-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        // one batch per transaction, so a large backlog never holds locks for long
        while (offers.expireOverdueOffers() > 0) {
            // more may be due
        }
    }
}

package org.secondopinion.matching.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.secondopinion.matching.ranking.Ranker;

/** The ranker stays framework-free; this is where it meets the configured weights. */
public class RankerProducer {

    @Produces
    @Singleton
    Ranker ranker(MatchingConfig config) {
        return new Ranker(config.weights());
    }
}

package org.secondopinion.matching.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Matching rules an operator or coordinator may tune (DESIGN §5). */
@ConfigMapping(prefix = "so.matching")
public interface MatchingConfig {

    /** How long a specialist has to answer an offer for a ROUTINE case. */
    @WithDefault("24h")
    Duration routineOfferTtl();

    /** How long a specialist has to answer an offer for an URGENT case. */
    @WithDefault("4h")
    Duration urgentOfferTtl();

    /** How often the expiry job looks for overdue offers (read by its @Scheduled expression). */
    @WithDefault("30s")
    Duration expiryInterval();

    /** Most offers the expiry job handles in one transaction. */
    @WithDefault("50")
    int expiryBatchSize();

    Weights weights();

    /** Soft-score weights; every term appears in a candidate's explanation. */
    interface Weights {
        @WithDefault("3.0")
        double procedure();

        @WithDefault("2.0")
        double goalFit();

        @WithDefault("1.0")
        double turnaround();

        /** Turnaround matters more when surgery is near: its weight is multiplied for URGENT cases. */
        @WithDefault("3.0")
        double urgentTurnaroundFactor();

        /** Turnaround at or below this many hours scores full marks. */
        @WithDefault("24")
        int referenceTurnaroundHours();

        @WithDefault("1.0")
        double load();

        @WithDefault("1.0")
        double language();
    }
}

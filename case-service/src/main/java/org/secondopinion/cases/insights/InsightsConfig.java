package org.secondopinion.cases.insights;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Outcome figures: the small-cell threshold and the turnaround promised per urgency (issue 17). */
@ConfigMapping(prefix = "so.insights")
public interface InsightsConfig {

    /** Counts under this are suppressed (the usual rule for health statistics: 11). */
    @WithDefault("11")
    int minimumCellSize();

    /** Time from submission to opinion promised for a routine case. */
    @WithDefault("P7D")
    Duration turnaroundPromiseRoutine();

    /** Time from submission to opinion promised for an urgent case (surgery within 14 days). */
    @WithDefault("PT72H")
    Duration turnaroundPromiseUrgent();
}

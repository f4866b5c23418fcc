package org.secondopinion.cases.insights;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.cases.casefile.Urgency;

import java.util.List;
import java.util.Map;

/** The outcome figures as they leave the service: small cells already suppressed. */
public final class InsightDtos {

    private InsightDtos() {
    }

    /** A count and its share of all cases, or {@code suppressed} with neither (never a number under the threshold). */
    public record Figure(@Schema(nullable = true) Long count, @Schema(nullable = true) Double share,
                         boolean suppressed) {
        static final Figure SUPPRESSED = new Figure(null, null, true);
    }

    /** Time from submission to opinion for one urgency; percentiles only where the group's count is shown. */
    public record Turnaround(Urgency urgency, Figure cases, @Schema(nullable = true) Double p50Hours,
                             @Schema(nullable = true) Double p90Hours, double promiseHours) {
    }

    public record OutcomeInsights(InsightFilter.Applied filter, int minimumCellSize, Figure cases,
                                  Map<String, Figure> verdicts, Map<String, Figure> decisions,
                                  Map<String, Figure> followedOpinion, Map<String, Figure> planChanged,
                                  Map<String, Figure> confidenceBefore, Map<String, Figure> confidenceAfter,
                                  List<Turnaround> turnaround) {
    }
}

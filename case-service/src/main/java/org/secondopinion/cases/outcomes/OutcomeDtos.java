package org.secondopinion.cases.outcomes;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.cases.opinion.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The outcome API's shapes: codes, numbers and a year-month, never free text. */
public final class OutcomeDtos {

    private OutcomeDtos() {
    }

    @Schema(example = """
            {"decision": "NON_SURGICAL_TREATMENT", "planChanged": true, "confidenceBefore": 2, "confidenceAfter": 4,
             "surgeryPerformed": false}""")
    public record OutcomeAnswer(
            @NotNull Decision decision,
            @NotNull Boolean planChanged,
            @NotNull @Min(1) @Max(5) Integer confidenceBefore,
            @NotNull @Min(1) @Max(5) Integer confidenceAfter,
            Boolean surgeryPerformed,
            @Schema(description = "year and month of the surgery, e.g. 2026-03; only with surgeryPerformed true")
            @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a year and month like 2026-03")
            String surgeryMonth) {
    }

    public record OutcomeView(UUID caseId, int revision, Decision decision, boolean planChanged, int confidenceBefore,
                              int confidenceAfter, @Schema(nullable = true) Boolean surgeryPerformed,
                              @Schema(nullable = true) String surgeryMonth, Verdict verdict,
                              Agreement agreement, Instant recordedAt) {

        static OutcomeView of(CaseOutcome o) {
            return new OutcomeView(o.caseId, o.revision, o.decision, o.planChanged, o.confidenceBefore,
                    o.confidenceAfter, o.surgeryPerformed,
                    o.surgeryMonth == null ? null : java.time.YearMonth.from(o.surgeryMonth).toString(), o.verdict,
                    o.agreement, o.recordedAt);
        }
    }

    /** The current answer first, then the earlier ones. */
    public record OutcomeHistory(UUID caseId, List<OutcomeView> revisions) {
    }
}

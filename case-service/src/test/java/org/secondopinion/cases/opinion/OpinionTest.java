package org.secondopinion.cases.opinion;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpinionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void anIncompleteDraftCannotBeDeliveredAndSaysWhatIsMissing() {
        Opinion o = Opinion.draft(UUID.randomUUID(), "specialist1", NOW);
        o.revise(Verdict.RECOMMEND_ALTERNATIVE, "Try therapy first", List.of(), null, null, null, Confidence.HIGH, NOW);
        assertThatThrownBy(() -> o.deliver(NOW))
                .isInstanceOfSatisfying(InvalidFieldProblem.class, e -> assertThat(e.field()).isEqualTo("alternatives"));
        o.revise(Verdict.CONCUR, " ", List.of(), null, null, null, Confidence.HIGH, NOW);
        assertThatThrownBy(() -> o.deliver(NOW))
                .isInstanceOfSatisfying(InvalidFieldProblem.class, e -> assertThat(e.field()).isEqualTo("summary"));
        assertThat(o.isDelivered()).isFalse();
    }

    @Test
    void aDeliveredOpinionNeverChanges() {
        Opinion o = Opinion.draft(UUID.randomUUID(), "specialist1", NOW);
        o.revise(Verdict.RECOMMEND_ALTERNATIVE, "Physical therapy for 12 weeks first",
                List.of(new Alternative(AlternativeType.CONSERVATIVE_THERAPY, "PT and epidural injection")),
                "Surgery risks", "Recovery compared", List.of("What if PT fails?"), Confidence.MODERATE, NOW);
        o.deliver(NOW);
        assertThat(o.isDelivered()).isTrue();
        assertThatThrownBy(() -> o.revise(Verdict.CONCUR, "changed", List.of(), null, null, null, Confidence.LOW, NOW))
                .isInstanceOf(StateConflictProblem.class);
        assertThatThrownBy(() -> o.deliver(NOW)).isInstanceOf(StateConflictProblem.class);
        assertThat(o.verdict()).isEqualTo(Verdict.RECOMMEND_ALTERNATIVE);
    }
}

package org.secondopinion.cases.outcomes;

import org.junit.jupiter.api.Test;
import org.secondopinion.cases.opinion.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a decision followed the opinion is derived from the verdict, never asked. */
class AgreementTest {

    @Test
    void aConcurringOpinionIsFollowedByTheOriginalSurgeryOnly() {
        for (Verdict v : new Verdict[]{Verdict.CONCUR, Verdict.CONCUR_WITH_MODIFICATIONS}) {
            assertThat(Agreement.of(v, Decision.ORIGINAL_SURGERY)).isEqualTo(Agreement.FOLLOWED);
            assertThat(Agreement.of(v, Decision.DIFFERENT_SURGERY)).isEqualTo(Agreement.NOT_FOLLOWED);
            assertThat(Agreement.of(v, Decision.NON_SURGICAL_TREATMENT)).isEqualTo(Agreement.NOT_FOLLOWED);
            assertThat(Agreement.of(v, Decision.WATCHFUL_WAITING)).isEqualTo(Agreement.NOT_FOLLOWED);
        }
    }

    @Test
    void anAlternativeIsFollowedByAnythingButTheOriginalSurgery() {
        assertThat(Agreement.of(Verdict.RECOMMEND_ALTERNATIVE, Decision.ORIGINAL_SURGERY)).isEqualTo(Agreement.NOT_FOLLOWED);
        assertThat(Agreement.of(Verdict.RECOMMEND_ALTERNATIVE, Decision.DIFFERENT_SURGERY)).isEqualTo(Agreement.FOLLOWED);
        assertThat(Agreement.of(Verdict.RECOMMEND_ALTERNATIVE, Decision.NON_SURGICAL_TREATMENT)).isEqualTo(Agreement.FOLLOWED);
        assertThat(Agreement.of(Verdict.RECOMMEND_ALTERNATIVE, Decision.WATCHFUL_WAITING)).isEqualTo(Agreement.FOLLOWED);
    }

    @Test
    void undecidedPatientsAndOpinionsWithoutARecommendationAreNeitherFollowedNorNot() {
        for (Verdict v : Verdict.values()) {
            assertThat(Agreement.of(v, Decision.NOT_DECIDED)).isEqualTo(Agreement.UNDECIDED);
        }
        assertThat(Agreement.of(Verdict.INSUFFICIENT_INFORMATION, Decision.ORIGINAL_SURGERY))
                .isEqualTo(Agreement.NOT_APPLICABLE);
    }
}

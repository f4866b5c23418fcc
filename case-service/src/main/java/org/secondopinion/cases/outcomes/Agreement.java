package org.secondopinion.cases.outcomes;

import org.secondopinion.cases.opinion.Verdict;

/**
 * Whether the patient's decision followed the specialist's verdict. Derived, never asked: the patient says what they
 * decided, the verdict is in the delivered opinion.
 */
public enum Agreement {
    FOLLOWED, NOT_FOLLOWED,
    /** the patient has not decided yet */
    UNDECIDED,
    /** the opinion made no recommendation to follow (insufficient information) */
    NOT_APPLICABLE;

    /**
     * A verdict that concurs (with or without modifications) is followed by going ahead with the proposed surgery; a
     * recommended alternative is followed by anything but the proposed surgery (a different surgery, non-surgical
     * treatment or watching and waiting are each one of the alternatives an opinion recommends).
     */
    public static Agreement of(Verdict verdict, Decision decision) {
        if (decision == Decision.NOT_DECIDED) {
            return UNDECIDED;
        }
        if (verdict == null || verdict == Verdict.INSUFFICIENT_INFORMATION) {
            return NOT_APPLICABLE;
        }
        boolean original = decision == Decision.ORIGINAL_SURGERY;
        return switch (verdict) {
            case CONCUR, CONCUR_WITH_MODIFICATIONS -> original ? FOLLOWED : NOT_FOLLOWED;
            case RECOMMEND_ALTERNATIVE -> original ? NOT_FOLLOWED : FOLLOWED;
            case INSUFFICIENT_INFORMATION -> NOT_APPLICABLE;
        };
    }
}

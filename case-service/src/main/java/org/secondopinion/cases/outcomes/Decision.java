package org.secondopinion.cases.outcomes;

/** What the patient decided after the opinion. */
public enum Decision {
    /** the surgery their own surgeon proposed */
    ORIGINAL_SURGERY,
    DIFFERENT_SURGERY,
    NON_SURGICAL_TREATMENT,
    WATCHFUL_WAITING,
    NOT_DECIDED
}

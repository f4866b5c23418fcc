package org.secondopinion.matching.ranking;

/**
 * Why a specialist was not a candidate: the first hard constraint they failed, in this order (DESIGN §5's). The
 * first four depend only on the specialist's snapshot and two codes of the case, so the directory answers them when
 * a snapshot enters it; the rest depend on more of the case, our load count or the day, and are checked per ranking.
 */
public enum Exclusion {
    INACTIVE,
    NOT_ACCEPTING_NEW_CASES,
    NOT_CERTIFIED_IN_SPECIALTY,
    NOT_LICENSED_IN_PATIENT_STATE,
    RECOMMENDING_SURGEON,
    SHARED_AFFILIATION,
    AT_CAPACITY,
    /** Out of office on the day of the ranking (UTC date). */
    OUT_OF_OFFICE,
    ALREADY_OFFERED
}

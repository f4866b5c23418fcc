package org.secondopinion.matching.ranking;

/** Why a specialist was not a candidate: the first hard constraint they failed, in this order. */
public enum Exclusion {
    INACTIVE,
    NOT_ACCEPTING_NEW_CASES,
    NOT_CERTIFIED_IN_SPECIALTY,
    NOT_LICENSED_IN_PATIENT_STATE,
    RECOMMENDING_SURGEON,
    SHARED_AFFILIATION,
    AT_CAPACITY,
    ALREADY_OFFERED
}

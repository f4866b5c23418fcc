package org.secondopinion.cases.casefile;

/** What matters to the patient (DESIGN §1); matching favours specialists who fit them. */
public enum Goal {
    AVOID_SURGERY, KEEP_MOBILITY, AVOID_MISSED_WORK, SPARE_CAREGIVERS, LOWER_COST
}

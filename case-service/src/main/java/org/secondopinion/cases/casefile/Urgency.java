package org.secondopinion.cases.casefile;

/** {@code URGENT}: surgery is scheduled within 14 days, so the opinion must come fast. */
public enum Urgency {
    ROUTINE, URGENT
}

package org.secondopinion.matching.matches;

public enum MatchStatus {
    /** An offer is out and waiting for an answer. */
    OFFERED,
    ASSIGNED,
    /** Nobody eligible is left. */
    FAILED,
    CANCELLED
}

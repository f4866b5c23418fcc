package org.secondopinion.cases.casefile;

/** DESIGN §4: {@code DRAFT → SUBMITTED → ASSIGNED → IN_REVIEW ⇄ AWAITING_INFORMATION → OPINION_DELIVERED → CLOSED}. */
public enum CaseStatus {
    DRAFT, SUBMITTED, UNMATCHED, ASSIGNED, IN_REVIEW, AWAITING_INFORMATION, OPINION_DELIVERED, CLOSED, CANCELLED;

    public boolean isCancellable() {
        return this == DRAFT || this == SUBMITTED || this == UNMATCHED || this == ASSIGNED;
    }

    public boolean isOpen() {
        return this != CLOSED && this != CANCELLED;
    }
}

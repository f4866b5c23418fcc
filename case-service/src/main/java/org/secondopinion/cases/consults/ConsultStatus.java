package org.secondopinion.cases.consults;

/** BOOKED (upcoming) → COMPLETED or NO_SHOW by the specialist, or CANCELLED. */
public enum ConsultStatus { BOOKED, CANCELLED, COMPLETED, NO_SHOW }

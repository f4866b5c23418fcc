package org.secondopinion.matching.matches;

public enum OfferStatus {
    PENDING, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN
}

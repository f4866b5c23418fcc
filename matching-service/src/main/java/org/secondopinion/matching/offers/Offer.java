package org.secondopinion.matching.offers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A case offered to one specialist until a deadline. Its rules are plain methods. */
@Entity
@Table(name = "offer")
public class Offer {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "match_id", nullable = false)
    public Match match;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "specialist_id", nullable = false)
    public UUID specialistId;

    @Column(name = "specialist_user_id")
    public String specialistUserId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfferStatus status;

    @Column(name = "offered_at", nullable = false)
    public Instant offeredAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "responded_at")
    public Instant respondedAt;

    @Column(name = "decline_reason")
    public String declineReason;

    protected Offer() {
    }

    public static Offer to(Match match, UUID specialistId, String specialistUserId, Instant now, Duration ttl) {
        Offer offer = new Offer();
        offer.id = Ids.newId();
        offer.match = match;
        offer.caseId = match.caseId;
        offer.specialistId = specialistId;
        offer.specialistUserId = specialistUserId;
        offer.status = OfferStatus.PENDING;
        offer.offeredAt = now;
        offer.expiresAt = now.plus(ttl);
        return offer;
    }

    public boolean ownedBy(String userId) {
        return userId != null && userId.equals(specialistUserId);
    }

    public boolean overdue(Instant now) {
        return status == OfferStatus.PENDING && !now.isBefore(expiresAt);
    }

    public void accept(Instant now) {
        requireAnswerable(now, "accepted");
        status = OfferStatus.ACCEPTED;
        respondedAt = now;
    }

    public void decline(String reason, Instant now) {
        requireAnswerable(now, "declined");
        status = OfferStatus.DECLINED;
        declineReason = reason;
        respondedAt = now;
    }

    public void expire(Instant now) {
        status = OfferStatus.EXPIRED;
        respondedAt = now;
    }

    public void withdraw(Instant now) {
        status = OfferStatus.WITHDRAWN;
        respondedAt = now;
    }

    private void requireAnswerable(Instant now, String action) {
        if (status != OfferStatus.PENDING) {
            throw new StateConflictProblem("offer " + id + " is " + status + " and cannot be " + action,
                    status.name());
        }
        // past its deadline the offer is as good as expired, even before the expiry job gets to it
        if (overdue(now)) {
            throw new StateConflictProblem("offer " + id + " expired at " + expiresAt + " and cannot be " + action,
                    OfferStatus.EXPIRED.name());
        }
    }
}

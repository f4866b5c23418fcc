package org.secondopinion.matching.matches;

import org.secondopinion.matching.ranking.RankedCandidate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The coordinator's view of a match: the ranking with its explanation, exclusions and offer history. */
public final class MatchDtos {

    private MatchDtos() {
    }

    public record MatchDetails(UUID id, UUID caseId, String caseReference, String status, String specialty,
                               String procedureCode, String urgency, String patientState, List<String> goals,
                               UUID assignedSpecialistId, String failureReason, List<RankedCandidate> candidates,
                               Map<String, Integer> exclusions, List<OfferHistory> offers, Instant createdAt,
                               Instant updatedAt) {

        public static MatchDetails of(MatchService.MatchView view) {
            Match m = view.match();
            return new MatchDetails(m.id, m.caseId, m.caseReference, m.status.name(), m.specialty, m.procedureCode,
                    m.urgency, m.patientState, m.goals, m.assignedSpecialistId, m.failureReason, m.candidates,
                    m.exclusions, view.offers().stream().map(OfferHistory::of).toList(), m.createdAt, m.updatedAt);
        }
    }

    public record OfferHistory(UUID id, UUID specialistId, String specialistUserId, String status, Instant offeredAt,
                               Instant expiresAt, Instant respondedAt, String declineReason) {

        static OfferHistory of(Offer o) {
            return new OfferHistory(o.id, o.specialistId, o.specialistUserId, o.status.name(), o.offeredAt,
                    o.expiresAt, o.respondedAt, o.declineReason);
        }
    }
}

package org.secondopinion.matching.offers;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.matching.matches.Match;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of the offer API. */
public final class OfferDtos {

    private OfferDtos() {
    }

    /** What a specialist sees before accepting: codes only, no PHI (DESIGN §3). */
    public record OfferSummary(UUID id, UUID caseId, String status, String caseReference, String specialty,
                               @Schema(nullable = true) String procedureCode, String urgency,
                               @Schema(nullable = true) String patientState, List<String> goals,
                               Instant expiresAt) {

        public static OfferSummary of(Offer offer) {
            Match match = offer.match;
            return new OfferSummary(offer.id, offer.caseId, offer.status.name(), match.caseReference,
                    match.specialty, match.procedureCode, match.urgency, match.patientState, match.goals,
                    offer.expiresAt);
        }
    }

    public record DeclineRequest(@NotBlank @Size(max = 500) String reason) {
    }
}

package org.secondopinion.matching.matches;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.secondopinion.matching.ranking.RankedCandidate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The coordinator's view of matching: details with the ranking's explanation, the queue, manual assignment. */
public final class MatchDtos {

    private MatchDtos() {
    }

    public record MatchDetails(UUID id, UUID caseId, String caseReference, String status, String specialty,
                               String procedureCode, String urgency, String patientState, List<String> goals,
                               UUID assignedSpecialistId, String assignedBy, String assignmentReason,
                               String assignmentOverride, Instant loadReleasedAt, String failureReason,
                               List<RankedCandidate> candidates, Map<String, Integer> exclusions,
                               List<OfferHistory> offers, Instant createdAt, Instant updatedAt) {
    }

    public record OfferHistory(UUID id, UUID specialistId, String specialistUserId, String status, Instant offeredAt,
                               Instant expiresAt, Instant respondedAt, String declineReason) {
    }

    /** One line of the coordinators' queue; {@code offerExpiresAt} and {@code offeredTo} belong to the open offer. */
    public record QueueItem(UUID caseId, String caseReference, String status, String specialty, String urgency,
                            String patientState, UUID assignedSpecialistId, String failureReason,
                            Instant offerExpiresAt, String offeredTo, Instant updatedAt) {
    }

    /** {@code force} overrides the hard constraints; the reason is always required and recorded. */
    public record AssignRequest(@NotNull UUID specialistId, @NotBlank @Size(max = 1000) String reason,
                                boolean force) {
    }
}

package org.secondopinion.matching.coordination;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
                               @Schema(nullable = true) String procedureCode, String urgency,
                               @Schema(nullable = true) String patientState, List<String> goals,
                               @Schema(nullable = true) UUID assignedSpecialistId,
                               @Schema(nullable = true) String assignedBy,
                               @Schema(nullable = true) String assignmentReason,
                               @Schema(nullable = true) String assignmentOverride,
                               @Schema(nullable = true) Instant loadReleasedAt,
                               @Schema(nullable = true) String failureReason,
                               List<RankedCandidate> candidates, Map<String, Integer> exclusions,
                               List<OfferHistory> offers, Instant createdAt, Instant updatedAt) {
    }

    public record OfferHistory(UUID id, UUID specialistId, @Schema(nullable = true) String specialistUserId,
                               String status, Instant offeredAt,
                               Instant expiresAt, @Schema(nullable = true) Instant respondedAt,
                               @Schema(nullable = true) String declineReason) {
    }

    /** One line of the coordinators' queue; {@code offerExpiresAt} and {@code offeredTo} belong to the open offer. */
    public record QueueItem(UUID caseId, String caseReference, String status, String specialty, String urgency,
                            @Schema(nullable = true) String patientState,
                            @Schema(nullable = true) UUID assignedSpecialistId,
                            @Schema(nullable = true) String failureReason,
                            @Schema(nullable = true) Instant offerExpiresAt, @Schema(nullable = true) String offeredTo,
                            Instant updatedAt) {
    }

    /** {@code force} overrides the hard constraints; the reason is always required and recorded. */
    public record AssignRequest(@NotNull UUID specialistId, @NotBlank @Size(max = 1000) String reason,
                                boolean force) {
    }
}

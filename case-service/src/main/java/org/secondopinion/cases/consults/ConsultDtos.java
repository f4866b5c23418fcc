package org.secondopinion.cases.consults;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of live consults. */
public final class ConsultDtos {

    private ConsultDtos() {
    }

    /** @param startsAt the start of one of the offered slots (any offset; compared as an instant) */
    public record BookRequest(@NotNull OffsetDateTime startsAt) {
    }

    /** @param reason why (required from the specialist, who must tell the patient); no clinical details */
    public record CancelRequest(@Size(max = 500) String reason) {
    }

    /** @param note the consult note: part of the case record, readable by the patient */
    public record CompleteRequest(@NotBlank @Size(max = 4000) String note) {
    }

    /** Free slots in the requested zone, next {@code horizon}. */
    public record SlotsView(String zone, UUID specialistId, int slotMinutes, List<SlotView> slots) {
    }

    public record SlotView(OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    public record ConsultView(UUID id, UUID caseId, UUID specialistId, ConsultStatus status, Instant startsAt,
                              Instant endsAt, int sequence, @Schema(nullable = true) String cancelledBy,
                              @Schema(nullable = true) String cancelReason, @Schema(nullable = true) String note,
                              Instant joinOpensAt, Instant bookedAt, Instant updatedAt) {
    }

    public record JoinView(String url, String token, Instant validFrom, Instant validTo) {
    }
}

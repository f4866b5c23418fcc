package org.secondopinion.cases.opinion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The opinion API's shapes. A draft may be incomplete; submitting checks completeness. */
public final class OpinionDtos {

    private OpinionDtos() {
    }

    public record AlternativeDto(@NotNull AlternativeType type, @NotBlank @Size(max = 4000) String description) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(example = """
            {"verdict": "RECOMMEND_ALTERNATIVE", "confidence": "MODERATE",
             "summary": "Twelve weeks of physical therapy before considering surgery.",
             "alternatives": [{"type": "CONSERVATIVE_THERAPY", "description": "Physical therapy and an epidural injection"}],
             "risks": "…", "recoveryComparison": "…", "questionsForSurgeon": ["What is the re-herniation rate?"]}""")
    public record OpinionDraft(
            Verdict verdict,
            @Size(max = 10000) String summary,
            @Size(max = 10) List<@NotNull @Valid AlternativeDto> alternatives,
            @Size(max = 10000) String risks,
            @Size(max = 10000) String recoveryComparison,
            @Size(max = 20) List<@NotBlank @Size(max = 1000) String> questionsForSurgeon,
            Confidence confidence) {
    }

    public record AddendumCreate(@NotBlank @Size(max = 10000) String body) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "{\"stars\": 5, \"comment\": \"Clear and kind.\"}")
    public record RatingCreate(@NotNull @Min(1) @Max(5) Integer stars, @Size(max = 2000) String comment) {
    }

    public record AddendumView(UUID id, String body, Instant createdAt) {
    }

    public record OpinionView(UUID caseId, String status, @Schema(nullable = true) Verdict verdict,
                              @Schema(nullable = true) String summary,
                              @Schema(nullable = true) List<AlternativeDto> alternatives,
                              @Schema(nullable = true) String risks, @Schema(nullable = true) String recoveryComparison,
                              @Schema(nullable = true) List<String> questionsForSurgeon,
                              @Schema(nullable = true) Confidence confidence, Instant updatedAt,
                              @Schema(nullable = true) Instant deliveredAt, List<AddendumView> addenda) {
    }

    public record RatingView(UUID caseId, int stars, @Schema(nullable = true) String comment, Instant ratedAt) {
    }
}

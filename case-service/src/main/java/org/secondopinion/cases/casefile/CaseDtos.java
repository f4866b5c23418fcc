package org.secondopinion.cases.casefile;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.platform.reference.KnownSpecialty;
import org.secondopinion.platform.reference.LanguageCode;
import org.secondopinion.platform.reference.ValidNpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The case API's request and response shapes (DESIGN §11). */
public final class CaseDtos {

    /** ICD-10-CM: letter (not U), digit, alphanumeric, then optionally a dot and 1–4 more characters. */
    public static final String ICD10CM = "^[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$";
    /** CPT category I (five digits) or category III (four digits and T). */
    public static final String CPT = "^([0-9]{5}|[0-9]{4}T)$";
    /** US states, DC and territories (USPS codes). */
    public static final String US_STATE = "^(A[KLRSZ]|C[AOT]|D[CE]|F[LM]|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEHINOPST]|N[CDEHJMVY]|"
            + "O[HKR]|P[ARW]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY])$";

    private CaseDtos() {
    }

    @Schema(description = "Diagnosis as an ICD-10-CM code and the words the patient was given", example = "{\"code\":\"M51.26\",\"text\":\"Lumbar disc herniation\"}")
    public record Diagnosis(
            @NotBlank @Pattern(regexp = ICD10CM, message = "must be an ICD-10-CM code such as M51.26") String code,
            @NotBlank @Size(max = 500) String text) {
    }

    @Schema(description = "Proposed procedure as a CPT code", example = "{\"code\":\"63030\",\"text\":\"Lumbar microdiscectomy\"}")
    public record Procedure(
            @NotBlank @Pattern(regexp = CPT, message = "must be a CPT code: five digits, or four digits and T") String code,
            @NotBlank @Size(max = 500) String text) {
    }

    public record Surgeon(
            @NotBlank @Size(max = 200) String name,
            @ValidNpi String npi,
            @Size(max = 200) String institution) {
    }

    /** A new draft: what surgery the patient was told they need is the minimum to start. */
    @Schema(description = "A new draft case", example = """
            {"diagnosis": {"code": "M51.26", "text": "Lumbar disc herniation"},
             "procedure": {"code": "63030", "text": "Lumbar microdiscectomy"},
             "specialty": "ORTHOPAEDIC_SURGERY", "urgency": "ROUTINE", "patientState": "CA", "preferredLanguage": "en",
             "goals": ["AVOID_SURGERY", "KEEP_MOBILITY"], "questions": ["Could physical therapy come first?"],
             "recommendingSurgeon": {"name": "Dr. Sam Cutter", "npi": "1234567893", "institution": "Valley Surgical"}}""")
    public record CreateCaseRequest(
            @NotNull @Valid Diagnosis diagnosis,
            @NotNull @Valid Procedure procedure,
            @KnownSpecialty String specialty,
            Urgency urgency,
            LocalDate scheduledDate,
            @Pattern(regexp = US_STATE, message = "must be a US state or territory code such as CA") String patientState,
            @LanguageCode String preferredLanguage,
            Set<Goal> goals,
            @Size(max = 2000) String goalsText,
            @Size(max = 10) List<@NotBlank @Size(max = 1000) String> questions,
            @Size(max = 10000) String history,
            @Size(max = 10000) String priorTreatments,
            @Valid Surgeon recommendingSurgeon) {
    }

    /** A partial update of a draft: absent fields stay as they are. */
    @Schema(description = "Fields to change; absent fields stay", example = "{\"patientState\": \"NV\", \"history\": \"Pain for 8 months\"}")
    public record UpdateCaseRequest(
            @Valid Diagnosis diagnosis,
            @Valid Procedure procedure,
            @KnownSpecialty String specialty,
            Urgency urgency,
            LocalDate scheduledDate,
            @Pattern(regexp = US_STATE, message = "must be a US state or territory code such as CA") String patientState,
            @LanguageCode String preferredLanguage,
            Set<Goal> goals,
            @Size(max = 2000) String goalsText,
            @Size(max = 10) List<@NotBlank @Size(max = 1000) String> questions,
            @Size(max = 10000) String history,
            @Size(max = 10000) String priorTreatments,
            @Valid Surgeon recommendingSurgeon) {
    }

    public record Consent(
            @NotBlank @Size(max = 40) String version,
            @NotNull @AssertTrue(message = "must be true: records are shared only with consent") Boolean accepted) {
    }

    @Schema(example = "{\"consent\": {\"version\": \"2026-01\", \"accepted\": true}}")
    public record SubmitRequest(@NotNull @Valid Consent consent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentView(String version, Instant acceptedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseView(
            UUID id,
            String reference,
            CaseStatus status,
            Origin origin,
            Diagnosis diagnosis,
            Procedure procedure,
            String specialty,
            Urgency urgency,
            LocalDate scheduledDate,
            String patientState,
            String preferredLanguage,
            List<String> goals,
            String goalsText,
            List<String> questions,
            String history,
            String priorTreatments,
            Surgeon recommendingSurgeon,
            ConsentView consent,
            UUID assignedSpecialistId,
            Instant createdAt,
            Instant updatedAt,
            Instant submittedAt,
            Instant assignedAt,
            Instant cancelledAt,
            Instant opinionDeliveredAt,
            Instant closedAt,
            long version) {
    }

    /** A row of a case list: enough to show a queue, no clinical free text. */
    public record CaseSummary(UUID id, String reference, CaseStatus status, @Schema(nullable = true) String specialty,
                              Urgency urgency,
                              Instant createdAt, @Schema(nullable = true) Instant submittedAt) {
    }
}

package org.secondopinion.cases.referral;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.cases.casefile.CaseDtos;
import org.secondopinion.cases.casefile.CaseDtos.Diagnosis;
import org.secondopinion.cases.casefile.CaseDtos.Procedure;
import org.secondopinion.cases.casefile.CaseDtos.Surgeon;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.Goal;
import org.secondopinion.cases.casefile.Urgency;
import org.secondopinion.platform.reference.KnownSpecialty;
import org.secondopinion.platform.reference.LanguageCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The referral API's shapes (DESIGN §1, §11): what a partner clinic sends and what it reads back. */
public final class ReferralDtos {

    /** E.164: a plus, then up to 15 digits. */
    static final String E164 = "^\\+[1-9][0-9]{6,14}$";

    private ReferralDtos() {
    }

    public record Contact(
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = E164, message = "must be an E.164 phone number such as +14155550123") String phone) {
    }

    @Schema(description = "The patient as the clinic knows them; stays in the case service, never in events")
    public record ReferredPatient(
            @NotBlank @Size(max = 100) String givenName,
            @NotBlank @Size(max = 100) String familyName,
            @NotNull @Past LocalDate birthDate,
            @NotNull @Valid Contact contact) {
    }

    @Schema(description = "Whether the clinic attests that the patient consented to share their records for a second "
            + "opinion; with attested consent the case is submitted at once")
    public record ConsentAttestation(
            @NotNull Boolean attested,
            @Size(max = 40) String version) {
    }

    @Schema(description = "A referral from a partner clinic", example = """
            {"clinicReference": "ORD-2026-4471",
             "patient": {"givenName": "Ana", "familyName": "Silva", "birthDate": "1971-03-14",
                         "contact": {"email": "ana.silva@example.org", "phone": "+14155550123"}},
             "diagnosis": {"code": "M51.26", "text": "Lumbar disc herniation"},
             "procedure": {"code": "63030", "text": "Lumbar microdiscectomy"},
             "specialty": "ORTHOPAEDIC_SURGERY", "urgency": "ROUTINE", "patientState": "CA", "preferredLanguage": "en",
             "recommendingSurgeon": {"name": "Dr. Sam Cutter", "npi": "1234567893", "institution": "Valley Surgical"},
             "consent": {"attested": false}}""")
    public record ReferralRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._:/-]+$",
                    message = "may contain letters, digits and . _ : / - only") String clinicReference,
            @NotNull @Valid ReferredPatient patient,
            @NotNull @Valid Diagnosis diagnosis,
            @NotNull @Valid Procedure procedure,
            @NotNull @KnownSpecialty String specialty,
            Urgency urgency,
            LocalDate scheduledDate,
            @NotNull @Pattern(regexp = CaseDtos.US_STATE, message = "must be a US state or territory code such as CA")
            String patientState,
            @LanguageCode String preferredLanguage,
            Set<Goal> goals,
            @Size(max = 2000) String goalsText,
            @Size(max = 10) List<@NotBlank @Size(max = 1000) String> questions,
            @Size(max = 10000) String history,
            @Size(max = 10000) String priorTreatments,
            @Valid Surgeon recommendingSurgeon,
            @NotNull @Valid ConsentAttestation consent) {
    }

    /**
     * What a clinic reads about its referral: the case's progress, never its clinical content or the opinion.
     *
     * @param claimCode present only in the answer that created the referral (and its idempotent replays)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralView(
            UUID id,
            @Schema(nullable = true) String clinicReference,
            String caseReference,
            CaseStatus status,
            boolean consentAttested,
            boolean claimed,
            @Schema(nullable = true) String claimCode,
            @Schema(nullable = true) Instant claimCodeExpiresAt,
            Instant createdAt,
            Instant updatedAt) {
    }

    public record ClaimRequest(@NotBlank @Size(max = 40) String code) {
    }
}

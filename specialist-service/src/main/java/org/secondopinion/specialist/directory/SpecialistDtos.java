package org.secondopinion.specialist.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.platform.reference.KnownSpecialty;
import org.secondopinion.platform.reference.ValidNpi;
import org.secondopinion.specialist.credentials.VerificationStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of the directory API. */
public final class SpecialistDtos {

    /** ISO 639-1 (or 639-2 where there is no two-letter code). */
    static final String LANGUAGE = "[a-z]{2,3}";
    /** USPS two-letter state or territory code. */
    static final String STATE = "[A-Z]{2}";
    static final String CPT = "[0-9]{4}[0-9A-Z]";

    private SpecialistDtos() {
    }

    /** POST /api/v1/specialists (admin). Omitted lists are empty, omitted flags take the usual defaults. */
    public record CreateSpecialistRequest(
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@:-]+") String userId,
            @NotBlank @ValidNpi String npi,
            @NotBlank @Size(max = 100) String givenName,
            @NotBlank @Size(max = 100) String familyName,
            @NotNull Credentials credentials,
            @NotBlank @KnownSpecialty String primarySpecialty,
            @Size(max = 20) List<@NotBlank @Size(max = 60) String> subspecialties,
            @Size(max = 100) List<@NotNull @Pattern(regexp = CPT) String> procedureExpertise,
            Boolean nonOperativeExpertise,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = LANGUAGE) String> languages,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> affiliations,
            @Min(0) @Max(70) Integer yearsInPractice,
            @Size(max = 4000) String bio,
            @NotBlank @Size(max = 60) String timeZone,
            @NotNull @Min(1) @Max(720) Integer typicalTurnaroundHours,
            @NotNull @Min(0) @Max(200) Integer capacity,
            Boolean acceptingNewCases,
            SpecialistStatus status,
            @Size(max = 20) List<@NotNull @Valid CertificationRequest> certifications,
            @Size(max = 60) List<@NotNull @Valid LicenseRequest> licenses) {

        public CreateSpecialistRequest {
            subspecialties = orEmpty(subspecialties);
            procedureExpertise = orEmpty(procedureExpertise);
            nonOperativeExpertise = nonOperativeExpertise != null && nonOperativeExpertise;
            affiliations = orEmpty(affiliations);
            acceptingNewCases = acceptingNewCases == null || acceptingNewCases;
            status = status == null ? SpecialistStatus.ONBOARDING : status;
            certifications = orEmpty(certifications);
            licenses = orEmpty(licenses);
        }
    }

    public record CertificationRequest(
            @NotBlank @Size(max = 200) String board,
            @NotBlank @KnownSpecialty String specialty,
            LocalDate certifiedSince,
            LocalDate expiresOn,
            VerificationStatus status) {

        public CertificationRequest {
            status = status == null ? VerificationStatus.PENDING : status;
        }
    }

    public record LicenseRequest(
            @NotNull @Pattern(regexp = STATE) String state,
            @NotBlank @Size(max = 40) String number,
            LocalDate issuedOn,
            LocalDate expiresOn,
            VerificationStatus status) {

        public LicenseRequest {
            status = status == null ? VerificationStatus.PENDING : status;
        }
    }

    /** POST /api/v1/specialists/{id}/certifications (admin): recorded PENDING until an admin verifies it. */
    public record AddCertificationRequest(
            @NotBlank @Size(max = 200) String board,
            @NotBlank @KnownSpecialty String specialty,
            LocalDate certifiedSince,
            LocalDate expiresOn) {
    }

    /** POST /api/v1/specialists/{id}/licenses (admin): recorded PENDING until an admin verifies it. */
    public record AddLicenseRequest(
            @NotNull @Pattern(regexp = STATE) String state,
            @NotBlank @Size(max = 40) String number,
            LocalDate issuedOn,
            LocalDate expiresOn) {
    }

    /** PATCH /api/v1/specialists/me: what a specialist may change themselves; omitted fields stay as they are. */
    public record UpdateOwnProfileRequest(
            Boolean acceptingNewCases,
            @Min(0) @Max(200) Integer capacity,
            @Size(max = 4000) String bio,
            @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = LANGUAGE) String> languages,
            @Min(1) @Max(720) Integer typicalTurnaroundHours,
            @Size(max = 20) List<@NotNull @Valid OutOfOffice> outOfOffice) {
    }

    /**
     * An out-of-office period, both days inclusive. In PATCH /me the list replaces all periods ({@code []} clears
     * them); {@code to} before {@code from} and overlapping periods are refused naming the row.
     */
    public record OutOfOffice(@NotNull LocalDate from, @NotNull LocalDate to,
                              @Size(max = 200) @Schema(nullable = true) String note) {
    }

    /** What any signed-in user may see: no account id, no capacity, no licence numbers. */
    public record PublicSpecialist(
            UUID id,
            String npi,
            String givenName,
            String familyName,
            Credentials credentials,
            String primarySpecialty,
            @Schema(nullable = true) String primarySpecialtyName,
            List<String> subspecialties,
            List<String> procedureExpertise,
            boolean nonOperativeExpertise,
            List<String> languages,
            List<String> affiliations,
            @Schema(nullable = true) Integer yearsInPractice,
            @Schema(nullable = true) String bio,
            String timeZone,
            int typicalTurnaroundHours,
            boolean acceptingNewCases,
            SpecialistStatus status,
            List<CertificationView> certifications,
            List<PublicLicense> licenses,
            @Schema(nullable = true) Double ratingAverage,
            int ratingCount) {
    }

    /** The whole profile: for the specialist themselves and for admins. */
    public record SpecialistProfile(
            UUID id,
            @Schema(nullable = true) String userId,
            String npi,
            String givenName,
            String familyName,
            Credentials credentials,
            String primarySpecialty,
            @Schema(nullable = true) String primarySpecialtyName,
            List<String> subspecialties,
            List<String> procedureExpertise,
            boolean nonOperativeExpertise,
            List<String> languages,
            List<String> affiliations,
            @Schema(nullable = true) Integer yearsInPractice,
            @Schema(nullable = true) String bio,
            String timeZone,
            int typicalTurnaroundHours,
            int capacity,
            boolean acceptingNewCases,
            SpecialistStatus status,
            List<CertificationDetail> certifications,
            List<LicenseView> licenses,
            List<OutOfOffice> outOfOffice,
            @Schema(nullable = true) Double ratingAverage,
            int ratingCount,
            long version,
            long snapshotVersion,
            Instant createdAt,
            Instant updatedAt) {
    }

    public record CertificationView(UUID id, String board, String specialty,
                                    @Schema(nullable = true) LocalDate certifiedSince,
                                    @Schema(nullable = true) LocalDate expiresOn, VerificationStatus status) {
    }

    /** A certification with its verification trail: for the specialist themselves and for admins. */
    public record CertificationDetail(UUID id, String board, String specialty,
                                      @Schema(nullable = true) LocalDate certifiedSince,
                                      @Schema(nullable = true) LocalDate expiresOn, VerificationStatus status,
                                      @Schema(nullable = true) String verifiedBy,
                                      @Schema(nullable = true) Instant verifiedAt) {
    }

    public record PublicLicense(String state, @Schema(nullable = true) LocalDate expiresOn, VerificationStatus status) {
    }

    public record LicenseView(UUID id, String state, String number, @Schema(nullable = true) LocalDate issuedOn,
                              @Schema(nullable = true) LocalDate expiresOn,
                              VerificationStatus status, @Schema(nullable = true) String verifiedBy,
                              @Schema(nullable = true) Instant verifiedAt) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

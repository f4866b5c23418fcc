package org.secondopinion.specialist.directory;

import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.NullValuePropertyMappingStrategy;
import org.secondopinion.platform.reference.Specialty;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.directory.SpecialistDtos.AddCertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.AddLicenseRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationDetail;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationView;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseView;
import org.secondopinion.specialist.directory.SpecialistDtos.OutOfOffice;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicLicense;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicSpecialist;
import org.secondopinion.specialist.directory.SpecialistDtos.SpecialistProfile;
import org.secondopinion.specialist.directory.SpecialistDtos.UpdateOwnProfileRequest;
import org.secondopinion.specialist.profile.OutOfOfficePeriod;

import java.util.List;

/** Directory API ↔ entities. */
@Mapper
public interface SpecialistMapper {

    @Mapping(target = "primarySpecialtyName", source = "primarySpecialty", qualifiedByName = "specialtyName")
    @Mapping(target = "ratingAverage", expression = "java(specialist.ratingAverage())")
    PublicSpecialist toPublic(Specialist specialist);

    @Mapping(target = "primarySpecialtyName", source = "primarySpecialty", qualifiedByName = "specialtyName")
    @Mapping(target = "ratingAverage", expression = "java(specialist.ratingAverage())")
    SpecialistProfile toProfile(Specialist specialist);

    CertificationView toView(BoardCertification certification);

    CertificationDetail toDetail(BoardCertification certification);

    PublicLicense toPublic(StateLicense license);

    LicenseView toView(StateLicense license);

    /** Identity, versions, timestamps and children are the service's to set. */
    @Mapping(target = "id", ignore = true)
    @Mapping(target = "version", ignore = true)
    @Mapping(target = "snapshotVersion", ignore = true)
    @Mapping(target = "createdAt", ignore = true)
    @Mapping(target = "updatedAt", ignore = true)
    @Mapping(target = "certifications", ignore = true)
    @Mapping(target = "licenses", ignore = true)
    @Mapping(target = "outOfOffice", ignore = true)
    @Mapping(target = "ratingCount", ignore = true)
    @Mapping(target = "ratingSum", ignore = true)
    Specialist toEntity(CreateSpecialistRequest request);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "specialist", ignore = true)
    @Mapping(target = "verifiedBy", ignore = true)
    @Mapping(target = "verifiedAt", ignore = true)
    BoardCertification toEntity(CertificationRequest request);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "specialist", ignore = true)
    @Mapping(target = "verifiedBy", ignore = true)
    @Mapping(target = "verifiedAt", ignore = true)
    StateLicense toEntity(LicenseRequest request);

    /** New credentials wait for an admin's verification. */
    @Mapping(target = "id", ignore = true)
    @Mapping(target = "specialist", ignore = true)
    @Mapping(target = "verifiedBy", ignore = true)
    @Mapping(target = "verifiedAt", ignore = true)
    @Mapping(target = "status", constant = "PENDING")
    BoardCertification toEntity(AddCertificationRequest request);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "specialist", ignore = true)
    @Mapping(target = "verifiedBy", ignore = true)
    @Mapping(target = "verifiedAt", ignore = true)
    @Mapping(target = "status", constant = "PENDING")
    StateLicense toEntity(AddLicenseRequest request);

    @Mapping(target = "from", source = "startsOn")
    @Mapping(target = "to", source = "endsOn")
    OutOfOffice toDto(OutOfOfficePeriod period);

    @Mapping(target = "startsOn", source = "from")
    @Mapping(target = "endsOn", source = "to")
    OutOfOfficePeriod toPeriod(OutOfOffice period);

    List<OutOfOfficePeriod> toPeriods(List<OutOfOffice> periods);

    /** Partial update: only what the specialist sent changes (out-of-office periods: see the service). */
    @BeanMapping(ignoreByDefault = true, nullValuePropertyMappingStrategy = NullValuePropertyMappingStrategy.IGNORE)
    @Mapping(target = "acceptingNewCases")
    @Mapping(target = "capacity")
    @Mapping(target = "bio")
    @Mapping(target = "languages")
    @Mapping(target = "typicalTurnaroundHours")
    void apply(UpdateOwnProfileRequest patch, @MappingTarget Specialist specialist);

    @org.mapstruct.Named("specialtyName")
    default String specialtyName(String code) {
        return Specialty.fromCode(code).map(Specialty::displayName).orElse(code);
    }
}

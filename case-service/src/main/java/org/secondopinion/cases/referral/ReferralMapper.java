package org.secondopinion.cases.referral;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.secondopinion.cases.casefile.CaseDtos.CreateCaseRequest;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;
import org.secondopinion.cases.referral.ReferralDtos.ReferralView;

/** Referral request → the case's clinical fields; referral + case → what the clinic reads back. */
@Mapper
public interface ReferralMapper {

    CreateCaseRequest toCaseRequest(ReferralRequest request);

    @Mapping(target = "id", source = "referral.id")
    @Mapping(target = "clinicReference", source = "referral.clinicReference")
    @Mapping(target = "caseReference", source = "c.reference")
    @Mapping(target = "status", expression = "java(c.status())")
    @Mapping(target = "consentAttested", source = "referral.consentAttested")
    @Mapping(target = "claimed", expression = "java(referral.isClaimed())")
    @Mapping(target = "claimCode", source = "claimCode")
    @Mapping(target = "claimCodeExpiresAt", expression = "java(referral.isClaimed() ? null : referral.claimCodeExpiresAt())")
    @Mapping(target = "createdAt", source = "referral.createdAt")
    @Mapping(target = "updatedAt", expression = "java(c.updatedAt())")
    ReferralView toView(Referral referral, PatientCase c, String claimCode);
}

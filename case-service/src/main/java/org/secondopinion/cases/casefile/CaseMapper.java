package org.secondopinion.cases.casefile;

import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.NullValuePropertyMappingStrategy;
import org.secondopinion.cases.casefile.CaseDtos.CaseSummary;
import org.secondopinion.cases.casefile.CaseDtos.CaseView;
import org.secondopinion.cases.casefile.CaseDtos.CreateCaseRequest;
import org.secondopinion.cases.casefile.CaseDtos.UpdateCaseRequest;

/** DTO ↔ entity for cases: one method per purpose (create, partial update, full view, list row). */
@Mapper
public interface CaseMapper {

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "reference", ignore = true)
    @Mapping(target = "patientId", ignore = true)
    @Mapping(target = "origin", ignore = true)
    @Mapping(target = "version", ignore = true)
    @Mapping(target = "diagnosisCode", source = "diagnosis.code")
    @Mapping(target = "diagnosisText", source = "diagnosis.text")
    @Mapping(target = "procedureCode", source = "procedure.code")
    @Mapping(target = "procedureText", source = "procedure.text")
    @Mapping(target = "surgeonName", source = "recommendingSurgeon.name")
    @Mapping(target = "surgeonNpi", source = "recommendingSurgeon.npi")
    @Mapping(target = "surgeonInstitution", source = "recommendingSurgeon.institution")
    @BeanMapping(nullValuePropertyMappingStrategy = NullValuePropertyMappingStrategy.IGNORE)
    void apply(CreateCaseRequest request, @MappingTarget PatientCase target);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "reference", ignore = true)
    @Mapping(target = "patientId", ignore = true)
    @Mapping(target = "origin", ignore = true)
    @Mapping(target = "version", ignore = true)
    @Mapping(target = "diagnosisCode", source = "diagnosis.code")
    @Mapping(target = "diagnosisText", source = "diagnosis.text")
    @Mapping(target = "procedureCode", source = "procedure.code")
    @Mapping(target = "procedureText", source = "procedure.text")
    @Mapping(target = "surgeonName", source = "recommendingSurgeon.name")
    @Mapping(target = "surgeonNpi", source = "recommendingSurgeon.npi")
    @Mapping(target = "surgeonInstitution", source = "recommendingSurgeon.institution")
    @BeanMapping(nullValuePropertyMappingStrategy = NullValuePropertyMappingStrategy.IGNORE)
    void apply(UpdateCaseRequest request, @MappingTarget PatientCase target);

    @Mapping(target = "status", expression = "java(c.status())")
    @Mapping(target = "diagnosis", expression = "java(c.diagnosisCode == null ? null : new CaseDtos.Diagnosis(c.diagnosisCode, c.diagnosisText))")
    @Mapping(target = "procedure", expression = "java(c.procedureCode == null ? null : new CaseDtos.Procedure(c.procedureCode, c.procedureText))")
    @Mapping(target = "recommendingSurgeon", expression = "java(c.surgeonName == null ? null : new CaseDtos.Surgeon(c.surgeonName, c.surgeonNpi, c.surgeonInstitution))")
    @Mapping(target = "consent", expression = "java(c.consentAt() == null ? null : new CaseDtos.ConsentView(c.consentVersion(), c.consentAt()))")
    @Mapping(target = "assignedSpecialistId", expression = "java(c.assignedSpecialistId())")
    @Mapping(target = "createdAt", expression = "java(c.createdAt())")
    @Mapping(target = "updatedAt", expression = "java(c.updatedAt())")
    @Mapping(target = "submittedAt", expression = "java(c.submittedAt())")
    @Mapping(target = "assignedAt", expression = "java(c.assignedAt())")
    @Mapping(target = "cancelledAt", expression = "java(c.cancelledAt())")
    @Mapping(target = "opinionDeliveredAt", expression = "java(c.opinionDeliveredAt())")
    @Mapping(target = "closedAt", expression = "java(c.closedAt())")
    CaseView toView(PatientCase c);

    @Mapping(target = "status", expression = "java(c.status())")
    @Mapping(target = "createdAt", expression = "java(c.createdAt())")
    @Mapping(target = "submittedAt", expression = "java(c.submittedAt())")
    CaseSummary toSummary(PatientCase c);
}

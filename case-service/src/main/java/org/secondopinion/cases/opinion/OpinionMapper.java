package org.secondopinion.cases.opinion;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.secondopinion.cases.opinion.OpinionDtos.AddendumView;
import org.secondopinion.cases.opinion.OpinionDtos.AlternativeDto;
import org.secondopinion.cases.opinion.OpinionDtos.OpinionView;
import org.secondopinion.cases.opinion.OpinionDtos.RatingView;

import java.util.List;

/** Opinion, addenda and rating → API views. The opinion keeps its fields private (it is immutable once delivered). */
@Mapper
public interface OpinionMapper {

    @Mapping(target = "caseId", source = "o.caseId")
    @Mapping(target = "status", expression = "java(o.isDelivered() ? \"DELIVERED\" : \"DRAFT\")")
    @Mapping(target = "verdict", expression = "java(o.verdict())")
    @Mapping(target = "summary", expression = "java(o.summary())")
    @Mapping(target = "alternatives", expression = "java(toDtos(o.alternatives()))")
    @Mapping(target = "risks", expression = "java(o.risks())")
    @Mapping(target = "recoveryComparison", expression = "java(o.recoveryComparison())")
    @Mapping(target = "questionsForSurgeon", expression = "java(o.questionsForSurgeon())")
    @Mapping(target = "confidence", expression = "java(o.confidence())")
    @Mapping(target = "updatedAt", expression = "java(o.updatedAt())")
    @Mapping(target = "deliveredAt", expression = "java(o.deliveredAt())")
    @Mapping(target = "addenda", source = "addenda")
    OpinionView toView(Opinion o, List<OpinionAddendum> addenda);

    List<AlternativeDto> toDtos(List<Alternative> alternatives);

    AlternativeDto toDto(Alternative alternative);

    AddendumView toView(OpinionAddendum addendum);

    RatingView toView(CaseRating rating);
}

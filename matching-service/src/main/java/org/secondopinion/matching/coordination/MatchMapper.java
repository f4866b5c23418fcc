package org.secondopinion.matching.coordination;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.matching.coordination.MatchDtos.MatchDetails;
import org.secondopinion.matching.coordination.MatchDtos.OfferHistory;
import org.secondopinion.matching.coordination.MatchDtos.QueueItem;
import org.secondopinion.matching.offers.Offer;

import java.util.List;

/** Entities to the coordinator's DTOs; enums become their names. */
@Mapper
public interface MatchMapper {

    MatchDetails details(Match match, List<Offer> offers);

    default MatchDetails details(CoordinatorTools.MatchView view) {
        return details(view.match(), view.offers());
    }

    OfferHistory history(Offer offer);

    @Mapping(target = "caseId", source = "match.caseId")
    @Mapping(target = "status", source = "match.status")
    @Mapping(target = "updatedAt", source = "match.updatedAt")
    @Mapping(target = "offerExpiresAt", source = "pendingOffer.expiresAt")
    @Mapping(target = "offeredTo", source = "pendingOffer.specialistUserId")
    QueueItem queueItem(Match match, Offer pendingOffer);

    default QueueItem queueItem(CoordinatorTools.QueueEntry entry) {
        return queueItem(entry.match(), entry.pendingOffer());
    }
}

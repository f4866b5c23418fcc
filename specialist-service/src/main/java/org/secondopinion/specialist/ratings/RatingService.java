package org.secondopinion.specialist.ratings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.specialist.directory.SpecialistRepository;

/** Keeps each specialist's rating count and sum from case.rated events (stars only; comments never reach us). */
@ApplicationScoped
public class RatingService {

    private static final Logger LOG = Logger.getLogger(RatingService.class);

    private final SpecialistRepository repository;

    public RatingService(SpecialistRepository repository) {
        this.repository = repository;
    }

    /**
     * Runs inside the inbox transaction, so the rating and the "event processed" mark commit together.
     *
     * @throws IllegalArgumentException for stars outside 1..5: the event goes to the dead-letter topic
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(CaseRated rating) {
        if (rating.specialistId() == null || rating.stars() < 1 || rating.stars() > 5) {
            throw new IllegalArgumentException("case.rated for case " + rating.caseId()
                    + " needs a specialistId and 1..5 stars");
        }
        if (!repository.addRating(rating.specialistId(), rating.stars())) {
            // not in this directory (e.g. removed): nothing to rate; the inbox still remembers the event
            LOG.warnf("case.rated for unknown specialist %s ignored", rating.specialistId());
        }
    }
}

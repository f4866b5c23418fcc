package org.secondopinion.matching.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keeps the specialist projection: snapshots in, load counts by assignment. */
@ApplicationScoped
public class SpecialistProjectionService {

    private static final Logger LOG = Logger.getLogger(SpecialistProjectionService.class);

    private final EntityManager em;
    private final Clock clock;

    public SpecialistProjectionService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(SpecialistUpserted snapshot) {
        // the row lock orders two concurrent snapshots of one specialist; insert races end on the primary key
        SpecialistProjection projection = em.find(SpecialistProjection.class, snapshot.specialistId(),
                LockModeType.PESSIMISTIC_WRITE);
        boolean isNew = projection == null;
        if (isNew) {
            projection = new SpecialistProjection(snapshot.specialistId());
        }
        boolean applied = projection.apply(snapshot, clock.instant());
        if (isNew) {
            em.persist(projection);
        }
        if (!applied) {
            LOG.debugf("ignored snapshot %s of specialist %s: already at %s", (Object) snapshot.version(),
                    snapshot.specialistId(), projection.snapshotVersion);
        }
        return applied;
    }

    public Optional<SpecialistProjection> find(UUID specialistId) {
        return Optional.ofNullable(em.find(SpecialistProjection.class, specialistId));
    }

    public Optional<SpecialistProjection> lock(UUID specialistId) {
        return Optional.ofNullable(em.find(SpecialistProjection.class, specialistId, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<SpecialistProjection> all() {
        return em.createQuery("FROM SpecialistProjection", SpecialistProjection.class).getResultList();
    }
}

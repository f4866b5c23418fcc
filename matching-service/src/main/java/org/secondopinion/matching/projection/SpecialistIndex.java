package org.secondopinion.matching.projection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.matching.ranking.SpecialistFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projection held in memory so that ranking never reads 100 000 rows per case. Before each use it reads only
 * the rows changed since its last look (indexed on updated_at), so every replica stays in step with the table,
 * whichever replica consumed the snapshot or counted the load. It reads in its own transaction: it only ever holds
 * committed state, never a caller's write that might still roll back.
 */
@ApplicationScoped
public class SpecialistIndex {

    /**
     * updated_at is stamped (by any replica's clock) before commit, so a row can become visible after its stamp;
     * each look re-reads this much before the previous look began. A transaction cannot commit later than the
     * transaction timeout (60 s by default) after it started, so 90 s covers every late commit plus clock skew:
     * a missed change here could offer a case to a suspended specialist.
     */
    static final Duration OVERLAP = Duration.ofSeconds(90);

    private final EntityManager em;
    private final Map<UUID, SpecialistFacts> byId = new ConcurrentHashMap<>();
    /** When the previous look began (not the newest updated_at: a bulk import would then be re-read forever). */
    private Instant lastLook = Instant.EPOCH;

    public SpecialistIndex(EntityManager em) {
        this.em = em;
    }

    /** Every specialist as the table holds them now (committed), for the ranker to scan. */
    public synchronized Collection<SpecialistFacts> current() {
        Instant from = lastLook.minus(OVERLAP);
        Instant lookStarted = Instant.now();
        List<SpecialistProjection> changed = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("FROM SpecialistProjection WHERE updatedAt >= :from", SpecialistProjection.class)
                .setParameter("from", from).getResultList());
        for (SpecialistProjection p : changed) {
            byId.put(p.specialistId, p.facts());
        }
        lastLook = lookStarted;
        return Collections.unmodifiableCollection(byId.values());
    }
}

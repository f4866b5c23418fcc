package org.secondopinion.matching.projection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;
import org.secondopinion.matching.ranking.LiveDirectory;
import org.secondopinion.matching.ranking.SpecialistDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The projection held in memory, bucketed for ranking, so that ranking never reads 100 000 rows per case. Before
 * each use it reads only the rows changed since its last look (indexed on updated_at), so every replica stays in
 * step with the table, whichever replica consumed the snapshot or counted the load. It reads in its own
 * transaction: it only ever holds committed state, never a caller's write that might still roll back. The whole
 * table is read once at start-up, so that no case waits for that. Within one transaction it looks once: the event
 * consumer handles a poll's events in one transaction, and every case of it is ranked against the same committed
 * directory (what the batch itself changed is not committed yet either way) instead of paying a round trip each.
 */
@ApplicationScoped
public class SpecialistIndex {

    private static final Logger LOG = Logger.getLogger(SpecialistIndex.class);

    /**
     * updated_at is stamped (by any replica's clock) before commit, so a row can become visible after its stamp;
     * each look re-reads this much before the previous look began. A transaction cannot commit later than the
     * transaction timeout (60 s by default) after it started, so 90 s covers every late commit plus clock skew:
     * a missed change here could offer a case to a suspended specialist.
     */
    static final Duration OVERLAP = Duration.ofSeconds(90);

    /** The key under which a transaction keeps the directory it looked at. */
    private static final Object SEEN_IN_TRANSACTION = new Object();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final LiveDirectory directory = new LiveDirectory();
    private final Clock clock;
    /** When the previous look began (not the newest updated_at: a bulk import would then be re-read forever). */
    private Instant lastLook = Instant.EPOCH;

    public SpecialistIndex(EntityManager em, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.em = em;
        this.transactions = transactions;
        this.clock = clock;
    }

    void loadAtStartup(@Observes StartupEvent event) {
        long started = System.nanoTime();
        int size = reload().size();
        LOG.infof("specialist index loaded at start-up: %d specialists in %d ms", size,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every specialist as the table holds them (committed), bucketed for the ranker: now, or, inside a transaction,
     * when that transaction first asked.
     */
    public SpecialistDirectory current() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return look();
        }
        SpecialistDirectory seen = (SpecialistDirectory) transactions.getResource(SEEN_IN_TRANSACTION);
        if (seen == null) {
            seen = look();
            transactions.putResource(SEEN_IN_TRANSACTION, seen);
        }
        return seen;
    }

    private synchronized SpecialistDirectory look() {
        Instant from = lastLook.minus(OVERLAP);
        Instant lookStarted = clock.instant();
        QuarkusTransaction.requiringNew().run(() ->
                // one round trip: the max() is an init plan answered from the end of the updated_at index whatever
                // the planner's statistics say, and PostgreSQL runs the range scan only when it passes (a gating
                // one-time filter), so the usual look (nothing changed lately) costs one index probe, never a range
                // query it might plan as a scan of the whole table
                em.createQuery("FROM SpecialistProjection WHERE updatedAt >= :from "
                                + "AND (SELECT max(p.updatedAt) FROM SpecialistProjection p) >= :from",
                                SpecialistProjection.class)
                        .setParameter("from", from)
                        // nothing read here is written back: no dirty-checking snapshots of 100 000 rows at start-up
                        .setHint(HibernateHints.HINT_READ_ONLY, true)
                        .setHint(HibernateHints.HINT_FETCH_SIZE, 1000)
                        .getResultStream()
                        .forEach(p -> directory.put(p.snapshotVersion, p.facts())));
        lastLook = lookStarted;
        return directory.publish();
    }

    /**
     * Reads the whole table again (start-up; or rows written with an updated_at older than the overlap window, as
     * a bulk import or the benchmark's seed does). Entries that did not change cost no bucket copy.
     */
    public synchronized SpecialistDirectory reload() {
        lastLook = Instant.EPOCH;
        return look();
    }
}

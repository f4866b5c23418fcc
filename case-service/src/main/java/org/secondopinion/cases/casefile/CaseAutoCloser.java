package org.secondopinion.cases.casefile;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Closes cases a configurable time after their opinion was delivered. Safe with several replicas: each batch locks
 * its rows with {@code FOR UPDATE SKIP LOCKED}, so two instances never close the same case.
 */
@ApplicationScoped
public class CaseAutoCloser {

    private static final int BATCH = 100;

    private final EntityManager em;
    private final CaseService cases;
    private final Duration after;
    private final Clock clock;

    public CaseAutoCloser(EntityManager em, CaseService cases,
                          @ConfigProperty(name = "so.cases.auto-close-after") Duration after, Clock clock) {
        this.em = em;
        this.cases = cases;
        this.after = after;
        this.clock = clock;
    }

    @Scheduled(every = "${so.cases.auto-close-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        closeDue(clock.instant());
    }

    /** Closes every case whose opinion is older than the configured time; returns how many. */
    public int closeDue(Instant now) {
        int closed = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<PatientCase> due = em.createNativeQuery("SELECT * FROM patient_case WHERE status = 'OPINION_DELIVERED' "
                                + "AND opinion_delivered_at < ?1 ORDER BY opinion_delivered_at LIMIT ?2 "
                                + "FOR UPDATE SKIP LOCKED", PatientCase.class)
                        .setParameter(1, now.minus(after)).setParameter(2, BATCH).getResultList();
                due.forEach(c -> cases.close(c, "AUTO"));
                return due.size();
            });
            closed += batch;
        } while (batch == BATCH);
        return closed;
    }
}

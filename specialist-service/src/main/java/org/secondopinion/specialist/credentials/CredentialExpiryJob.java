package org.secondopinion.specialist.credentials;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.secondopinion.specialist.directory.SnapshotPublisher;
import org.secondopinion.specialist.directory.Specialist;
import org.secondopinion.specialist.directory.SpecialistRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Daily: marks certifications and licences whose expiry date has passed EXPIRED and publishes a new snapshot of
 * every specialist affected, so matching stops offering them cases that need the lapsed credential.
 * <p>
 * Works in batches, one transaction each, so a large directory neither holds one huge transaction nor loads
 * everyone at once. Each batch first takes a PostgreSQL advisory lock: with several replicas only one works at a
 * time and the others stop at once instead of publishing the same change twice.
 */
@ApplicationScoped
public class CredentialExpiryJob {

    private static final Logger LOG = Logger.getLogger(CredentialExpiryJob.class);
    static final String RUNS = "credential.expiry.runs";

    private final SpecialistRepository repository;
    private final SnapshotPublisher snapshots;
    private final CredentialsConfig config;
    private final MeterRegistry meters;

    public CredentialExpiryJob(SpecialistRepository repository, SnapshotPublisher snapshots, CredentialsConfig config,
                               MeterRegistry meters) {
        this.repository = repository;
        this.snapshots = snapshots;
        this.config = config;
        this.meters = meters;
        // both series exist from the start: increase() misses a counter's first increment if that creates it
        runs("succeeded");
        runs("failed");
    }

    /**
     * The daily run, counted ({@code credential_expiry_runs_total{outcome="succeeded|failed"}}): a failing run
     * leaves lapsed credentials offered to patients, and the alert CredentialExpiryJobFailing watches for it.
     */
    @Scheduled(identity = "credential-expiry", cron = "${so.credentials.expiry-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
            runs("succeeded").increment();
        } catch (RuntimeException e) {
            runs("failed").increment();
            LOG.errorf("credential expiry run failed (lapsed credentials stay offered until a run succeeds): %s",
                    e.toString());
            throw e;
        }
    }

    private Counter runs(String outcome) {
        return Counter.builder(RUNS).description("Daily credential expiry runs, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /** @return how many specialists got a new snapshot in this run */
    public int run() {
        LocalDate today = snapshots.today();
        int batchSize = config.expiryBatchSize();
        int total = 0;
        while (true) {
            Integer done = QuarkusTransaction.requiringNew().call(() -> expireBatch(today, batchSize));
            if (done == null) {
                LOG.debug("credential expiry is running on another replica");
                break;
            }
            total += done;
            if (done < batchSize) {
                break;
            }
        }
        if (total > 0) {
            LOG.infof("credential expiry: %d specialists had lapsed credentials", total);
        }
        return total;
    }

    /** @return specialists updated, or null when another replica holds the lock */
    private Integer expireBatch(LocalDate today, int batchSize) {
        if (!repository.tryLockForExpiry()) {
            return null;
        }
        List<UUID> ids = repository.withLapsedCredentials(today, batchSize);
        for (Specialist specialist : repository.findAll(ids)) {
            if (specialist.expireLapsedCredentials(today)) {
                snapshots.changed(specialist);
            }
        }
        return ids.size();
    }
}

package org.secondopinion.specialist.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.directory.SnapshotPublisher;
import org.secondopinion.specialist.directory.Specialist;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseRequest;
import org.secondopinion.specialist.directory.SpecialistMapper;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.credentials.VerificationStatus;

import java.time.Instant;

/**
 * Loads generated directories fast: one transaction per chunk, JDBC batch inserts (Hibernate statement batching
 * with ordered inserts, rewritten into multi-row INSERTs by the PostgreSQL driver), and exactly one outbox row
 * (the snapshot) per specialist. It skips the per-profile uniqueness look-ups of the admin API: generated NPIs
 * and ids are unique by construction.
 */
@ApplicationScoped
public class BulkDirectoryLoader {

    private static final Logger LOG = Logger.getLogger(BulkDirectoryLoader.class);
    static final int CHUNK = 1000;

    private final EntityManager em;
    private final SpecialistMapper mapper;
    private final SnapshotPublisher snapshots;

    public BulkDirectoryLoader(EntityManager em, SpecialistMapper mapper, SnapshotPublisher snapshots) {
        this.em = em;
        this.mapper = mapper;
        this.snapshots = snapshots;
    }

    /** Adds generated profiles number {@code from} (inclusive) to {@code to} (exclusive). */
    public void load(int from, int to) {
        long started = System.nanoTime();
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            int chunkStart = chunk;
            int chunkEnd = Math.min(to, chunk + CHUNK);
            QuarkusTransaction.requiringNew().run(() -> loadChunk(chunkStart, chunkEnd));
        }
        LOG.infof("loaded %d generated specialists in %d ms", to - from, (System.nanoTime() - started) / 1_000_000);
    }

    private void loadChunk(int from, int to) {
        Instant now = snapshots.now();
        for (int i = from; i < to; i++) {
            DirectoryGenerator.GeneratedSpecialist generated = DirectoryGenerator.generate(i);
            Specialist specialist = mapper.toEntity(generated.request());
            specialist.id = generated.id();
            specialist.snapshotVersion = 1;
            specialist.createdAt = now;
            specialist.updatedAt = now;
            for (CertificationRequest c : generated.request().certifications()) {
                BoardCertification certification = mapper.toEntity(c);
                certification.id = Ids.newId();
                if (certification.status == VerificationStatus.VERIFIED) {
                    certification.verifiedBy = "demo-data";
                    certification.verifiedAt = now;
                }
                specialist.addCertification(certification);
            }
            for (LicenseRequest l : generated.request().licenses()) {
                StateLicense license = mapper.toEntity(l);
                license.id = Ids.newId();
                if (license.status == VerificationStatus.VERIFIED) {
                    license.verifiedBy = "demo-data";
                    license.verifiedAt = now;
                }
                specialist.addLicense(license);
            }
            em.persist(specialist);
            snapshots.created(specialist);
        }
        em.flush();
        em.clear(); // keep the persistence context small: a chunk's entities are not needed again
    }
}

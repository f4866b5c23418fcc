package org.secondopinion.specialist.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.secondopinion.specialist.directory.SpecialistRepository;
import org.secondopinion.specialist.profile.ProfileService;

import java.util.List;

/**
 * Seeds the demo directory at startup when enabled and the directory is empty. The fixed profiles go through
 * {@link ProfileService#create}; then {@code so.demo-data.specialists} generated ones are bulk-loaded. Each
 * profile publishes its snapshot, so matching learns about all of them.
 */
@ApplicationScoped
public class DemoDataSeeder {

    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);

    private final DemoDataConfig config;
    private final SpecialistRepository repository;
    private final ProfileService service;
    private final BulkDirectoryLoader loader;

    public DemoDataSeeder(DemoDataConfig config, SpecialistRepository repository, ProfileService service,
                          BulkDirectoryLoader loader) {
        this.config = config;
        this.repository = repository;
        this.service = service;
        this.loader = loader;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            seedIfEmpty();
        }
    }

    /** @return how many profiles were added (0 when the directory already had some) */
    public int seedIfEmpty() {
        int fixed = seedDemoDirectoryIfEmpty();
        if (fixed == 0) {
            return 0;
        }
        // in chunks of their own transactions after the demo directory committed: a replica starting meanwhile
        // already sees a non-empty directory and leaves it alone
        loader.load(0, config.specialists());
        return fixed + config.specialists();
    }

    private int seedDemoDirectoryIfEmpty() {
        return QuarkusTransaction.requiringNew().call(() -> {
            repository.lockForSeeding(); // replicas starting together: only the first one seeds
            if (repository.count() > 0) {
                LOG.debug("directory not empty: no demo data seeded");
                return 0;
            }
            List<DemoDirectory.DemoSpecialist> demo = DemoDirectory.specialists();
            demo.forEach(d -> service.create(d.id(), d.request()));
            LOG.infof("seeded the demo directory with %d specialists", demo.size());
            return demo.size();
        });
    }
}

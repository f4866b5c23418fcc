package org.secondopinion.specialist.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.infra.testing.StatementCounter;
import org.secondopinion.infra.testing.StatementCounter.Counted;
import org.secondopinion.specialist.demo.BulkDirectoryLoader;
import org.secondopinion.specialist.demo.DirectoryGenerator;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicSpecialist;
import org.secondopinion.specialist.directory.SpecialistRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** A search page costs the same few statements however many specialists it shows (no N+1 over the rows). */
@QuarkusTest
class SearchStatementsTest {

    /** Generated profiles far above what the demo seeds or the benchmark loads; every one has credentials. */
    private static final int FROM = 9_000_000;
    private static final int PROFILES = 150;

    @Inject
    BulkDirectoryLoader loader;
    @Inject
    SearchService service;
    @Inject
    SpecialistRepository repository;
    @Inject
    EntityManager em;

    @BeforeEach
    void aDirectoryLargerThanTheLargestPage() {
        String firstNpi = DirectoryGenerator.generate(FROM).request().npi();
        if (!QuarkusTransaction.requiringNew().call(() -> repository.existsByNpi(firstNpi))) {
            loader.load(FROM, FROM + PROFILES);
        }
    }

    @Test
    void aPageOfAHundredCostsNoMoreStatementsThanAPageOfFive() {
        // every generated bio says "... surgeon focused on ...", and every generated profile has credentials
        SearchCriteria everyone = new SearchCriteria(null, null, null, null, null, "focused", false);

        Counted<PageResult<PublicSpecialist>> small = StatementCounter.count(em, () -> service.search(everyone, 0, 5));
        Counted<PageResult<PublicSpecialist>> large = StatementCounter.count(em, () -> service.search(everyone, 0, 100));

        assertThat(large.result().items()).hasSize(100);
        // the page really carries credentials: had they not been loaded up front, mapping them would have cost more
        assertThat(large.result().items()).allSatisfy(s -> {
            assertThat(s.certifications()).isNotEmpty();
            assertThat(s.licenses()).isNotEmpty();
        });
        // count, page, the page's certifications, the page's licences
        assertThat(large.statements()).isLessThanOrEqualTo(4).isEqualTo(small.statements());
    }

    @Test
    void filtersAndFreeTextDoNotAddStatementsPerRow() {
        SearchCriteria filtered = new SearchCriteria(null, null, null, "en", true, "surgeon", false);

        Counted<PageResult<PublicSpecialist>> page = StatementCounter.count(em, () -> service.search(filtered, 0, 50));

        assertThat(page.result().items()).hasSizeGreaterThan(10);
        assertThat(page.statements()).isLessThanOrEqualTo(4);
    }
}

package org.secondopinion.specialist.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.specialist.directory.SnapshotPublisher;
import org.secondopinion.specialist.directory.SpecialistDtos.PublicSpecialist;
import org.secondopinion.specialist.directory.SpecialistMapper;
import org.secondopinion.specialist.directory.SpecialistRepository;
import org.secondopinion.specialist.directory.SpecialistStatus;

import java.util.Optional;
import java.util.UUID;

/** The public directory: search it, read one specialist as the public sees them. */
@ApplicationScoped
public class SearchService {

    private final SearchRepository search;
    private final SpecialistRepository repository;
    private final SpecialistMapper mapper;
    private final SnapshotPublisher snapshots;

    public SearchService(SearchRepository search, SpecialistRepository repository, SpecialistMapper mapper,
                         SnapshotPublisher snapshots) {
        this.search = search;
        this.repository = repository;
        this.mapper = mapper;
        this.snapshots = snapshots;
    }

    @Transactional
    public PageResult<PublicSpecialist> search(SearchCriteria criteria, int page, int size) {
        return search.search(criteria, page, size, snapshots.today()).map(mapper::toPublic);
    }

    /** A specialist as the public directory shows it; inactive ones only to admins. */
    @Transactional
    public Optional<PublicSpecialist> find(UUID id, boolean includeInactive) {
        return repository.findById(id)
                .filter(s -> includeInactive || s.status == SpecialistStatus.ACTIVE)
                .map(mapper::toPublic);
    }
}

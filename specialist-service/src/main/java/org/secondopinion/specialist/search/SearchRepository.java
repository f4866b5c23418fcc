package org.secondopinion.specialist.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.specialist.directory.Specialist;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The directory search: the one query behind {@code GET /api/v1/specialists}, with its indexes in mind. */
@ApplicationScoped
public class SearchRepository {

    /**
     * Up to this many matches of a free-text search, a page is sorted from the matches alone (see {@link #search});
     * about 3% of a 100 000-profile directory, a few milliseconds of sorting.
     */
    static final int FILTER_FIRST_MAX_MATCHES = 3000;

    private final EntityManager em;

    public SearchRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * One page of specialists matching {@code criteria}, ordered by name, with their certifications and licences:
     * four statements whatever the page size (count, page, the page's certifications, the page's licences), one
     * when the page is empty.
     */
    public PageResult<Specialist> search(SearchCriteria criteria, int page, int size, LocalDate today) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> params = new HashMap<>();
        if (!criteria.includeInactive()) {
            where.append(" AND s.status = 'ACTIVE'");
        }
        if (criteria.specialty() != null) {
            where.append(" AND s.primary_specialty = :specialty");
            params.put("specialty", criteria.specialty());
        }
        if (criteria.subspecialty() != null) {
            // array containment, so the GIN index on subspecialties serves it
            where.append(" AND s.subspecialties @> ARRAY[CAST(:subspecialty AS text)]");
            params.put("subspecialty", criteria.subspecialty());
        }
        if (criteria.language() != null) {
            // array containment, so the GIN index on languages serves it
            where.append(" AND s.languages @> ARRAY[CAST(:language AS text)]");
            params.put("language", criteria.language());
        }
        if (criteria.acceptingNewCases() != null) {
            where.append(" AND s.accepting_new_cases = :accepting");
            params.put("accepting", criteria.acceptingNewCases());
        }
        if (criteria.state() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM state_license l WHERE l.specialist_id = s.id"
                    + " AND l.state = :state AND l.status = 'VERIFIED'"
                    + " AND (l.expires_on IS NULL OR l.expires_on >= :today))");
            params.put("state", criteria.state());
            params.put("today", today);
        }
        if (hasText(criteria)) {
            String q = criteria.q().trim();
            // three ways to find someone, each with its own index (trigram, unique NPI, GIN on the generated
            // tsvector), so PostgreSQL combines them with a BitmapOr instead of reading every profile:
            // part of a name as typed ("obri" finds O'Brien), an NPI, or all the words of q anywhere in name,
            // subspecialties, procedure codes and bio ("spine -fusion", "\"sports medicine\"")
            where.append(" AND (lower(s.given_name || ' ' || s.family_name) LIKE :name ESCAPE '\\'"
                    + " OR s.npi = :npi"
                    + " OR s.search_document @@ websearch_to_tsquery('simple', :q))");
            params.put("name", "%" + escapeLike(q.toLowerCase()) + "%");
            params.put("npi", q);
            params.put("q", q);
        }

        Query count = em.createNativeQuery("SELECT count(*) FROM specialist s" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total <= (long) page * size) {
            return new PageResult<>(List.of(), page, size, total); // nothing on this page: no need to ask
        }

        // A few matches of a name search sit together in name order ("patel": all under P), where the planner,
        // assuming matches spread evenly, would walk the name index from A and filter ~60 000 rows for the first
        // page. The count just taken says how few they are: collect them through the text indexes first, then
        // sort only those. Many matches are spread out, so walking the name index finds a page at once.
        boolean filterFirst = hasText(criteria) && total <= FILTER_FIRST_MAX_MATCHES;
        String matching = filterFirst
                ? "WITH matched AS MATERIALIZED (SELECT s.* FROM specialist s" + where + ") SELECT * FROM matched s"
                : "SELECT s.* FROM specialist s" + where;
        Query select = em.createNativeQuery(matching
                + " ORDER BY " + criteria.sort().orderBy() + " LIMIT :limit OFFSET :offset",
                Specialist.class);
        params.forEach(select::setParameter);
        select.setParameter("limit", size).setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<Specialist> items = select.getResultList();
        fetchCredentials(items);
        return new PageResult<>(items, page, size, total);
    }

    private static boolean hasText(SearchCriteria criteria) {
        return criteria.q() != null && !criteria.q().isBlank();
    }

    /**
     * Initialises the certifications and licences of a whole page in one statement each, so mapping the page to
     * its public view reads no more rows, however large the page ({@code @BatchSize} alone would need a second
     * round trip once a page outgrows the batch). The specialists are already in the persistence context: the
     * fetch joins only fill their collections.
     */
    private void fetchCredentials(List<Specialist> page) {
        if (page.isEmpty()) {
            return;
        }
        List<UUID> ids = page.stream().map(s -> s.id).toList();
        em.createQuery("SELECT s FROM Specialist s LEFT JOIN FETCH s.certifications WHERE s.id IN :ids",
                Specialist.class).setParameter("ids", ids).getResultList();
        em.createQuery("SELECT s FROM Specialist s LEFT JOIN FETCH s.licenses WHERE s.id IN :ids",
                Specialist.class).setParameter("ids", ids).getResultList();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package org.secondopinion.matching.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.matching.matches.MatchRepository;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.ObjectVisibility;

import java.util.UUID;

/**
 * Which matches a coordinator may see, for the operations under {@code /api/v1/matches/{caseId}}
 * ({@code @ScopedTo}): every case's match (DESIGN §3), so only a case without one is 404, and it is 404 before the
 * request is judged (an assignment with an invalid body for a case matching never saw is 404, not 400).
 */
@ApplicationScoped
public class MatchVisibility implements ObjectVisibility {

    public static final String MATCH = "match";

    private final MatchRepository matches;

    public MatchVisibility(MatchRepository matches) {
        this.matches = matches;
    }

    @Override
    public String kind() {
        return MATCH;
    }

    @Override
    public boolean visible(UUID caseId, CurrentUser user) {
        return matches.matchExists(caseId);
    }
}

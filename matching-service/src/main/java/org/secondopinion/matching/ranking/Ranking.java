package org.secondopinion.matching.ranking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ranker's answer: candidates best first, and how many specialists each hard constraint excluded. */
public record Ranking(List<RankedCandidate> candidates, Map<Exclusion, Integer> exclusions) {

    public Optional<RankedCandidate> best() {
        return candidates.stream().findFirst();
    }
}

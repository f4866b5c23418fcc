package org.secondopinion.matching.ranking;

import java.util.Map;
import java.util.UUID;

/** An eligible specialist with the total score and each term that made it up (the explanation). */
public record RankedCandidate(UUID specialistId, String specialistUserId, double score, Map<String, Double> terms) {
}

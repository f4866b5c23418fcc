package org.secondopinion.matching.ranking;

import org.secondopinion.matching.config.MatchingConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Ranks specialists for a case (DESIGN §5): hard constraints first (a specialist failing one is never offered),
 * then a weighted soft score, then the specialist id as a deterministic tie-break so that the same inputs always
 * give the same order. Plain Java: no database, no framework.
 */
public class Ranker {

    public static final String ACTIVE = "ACTIVE";
    public static final String TERM_PROCEDURE = "procedureExpertise";
    public static final String TERM_GOAL_FIT = "goalFit";
    public static final String TERM_TURNAROUND = "turnaround";
    public static final String TERM_LOAD = "load";
    public static final String TERM_LANGUAGE = "language";

    private static final Comparator<RankedCandidate> BEST_FIRST = Comparator
            .comparingDouble(RankedCandidate::score).reversed()
            .thenComparing(c -> c.specialistId().toString());

    private final MatchingConfig.Weights weights;

    public Ranker(MatchingConfig.Weights weights) {
        this.weights = weights;
    }

    /**
     * @param alreadyTried specialists who declined or let an offer for this case expire (or hold one now)
     */
    public Ranking rank(CaseFacts kase, Collection<SpecialistFacts> specialists, Set<UUID> alreadyTried) {
        List<RankedCandidate> candidates = new ArrayList<>();
        Map<Exclusion, Integer> exclusions = new EnumMap<>(Exclusion.class);
        for (SpecialistFacts specialist : specialists) {
            Optional<Exclusion> excluded = exclusion(kase, specialist, alreadyTried);
            if (excluded.isPresent()) {
                exclusions.merge(excluded.get(), 1, Integer::sum);
            } else {
                candidates.add(score(kase, specialist));
            }
        }
        candidates.sort(BEST_FIRST);
        return new Ranking(List.copyOf(candidates), exclusions);
    }

    public Optional<Exclusion> exclusion(CaseFacts kase, SpecialistFacts s, Set<UUID> alreadyTried) {
        if (!ACTIVE.equalsIgnoreCase(s.status())) {
            return Optional.of(Exclusion.INACTIVE);
        }
        if (!s.acceptingNewCases()) {
            return Optional.of(Exclusion.NOT_ACCEPTING_NEW_CASES);
        }
        if (!containsIgnoreCase(s.certifiedSpecialties(), kase.specialty())) {
            return Optional.of(Exclusion.NOT_CERTIFIED_IN_SPECIALTY);
        }
        if (!containsIgnoreCase(s.licensedStates(), kase.patientState())) {
            return Optional.of(Exclusion.NOT_LICENSED_IN_PATIENT_STATE);
        }
        if (kase.surgeonNpi() != null && kase.surgeonNpi().equals(s.npi())) {
            return Optional.of(Exclusion.RECOMMENDING_SURGEON);
        }
        if (kase.surgeonInstitution() != null && !kase.surgeonInstitution().isBlank()
                && s.affiliations().stream().anyMatch(a -> sameInstitution(a, kase.surgeonInstitution()))) {
            return Optional.of(Exclusion.SHARED_AFFILIATION);
        }
        if (s.activeCases() >= s.capacity()) {
            return Optional.of(Exclusion.AT_CAPACITY);
        }
        if (alreadyTried.contains(s.id())) {
            return Optional.of(Exclusion.ALREADY_OFFERED);
        }
        return Optional.empty();
    }

    RankedCandidate score(CaseFacts kase, SpecialistFacts s) {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(TERM_PROCEDURE, kase.procedureCode() != null && s.procedureExpertise().contains(kase.procedureCode())
                ? weights.procedure() : 0.0);
        // only patients who want to avoid surgery gain from non-operative expertise; others score it neutrally
        terms.put(TERM_GOAL_FIT, kase.wantsToAvoidSurgery() && s.nonOperativeExpertise() ? weights.goalFit() : 0.0);
        double turnaroundWeight = weights.turnaround() * (kase.urgent() ? weights.urgentTurnaroundFactor() : 1.0);
        double speed = Math.min(1.0, (double) weights.referenceTurnaroundHours() / Math.max(1, s.typicalTurnaroundHours()));
        terms.put(TERM_TURNAROUND, turnaroundWeight * speed);
        double freeShare = s.capacity() <= 0 ? 0.0 : 1.0 - (double) s.activeCases() / s.capacity();
        terms.put(TERM_LOAD, weights.load() * freeShare);
        terms.put(TERM_LANGUAGE, kase.preferredLanguage() != null
                && containsIgnoreCase(s.languages(), kase.preferredLanguage()) ? weights.language() : 0.0);
        double total = terms.values().stream().mapToDouble(Double::doubleValue).sum();
        return new RankedCandidate(s.id(), s.userId(), round(total), roundAll(terms));
    }

    private static boolean containsIgnoreCase(List<String> values, String wanted) {
        return wanted != null && values.stream().anyMatch(wanted::equalsIgnoreCase);
    }

    private static boolean sameInstitution(String a, String b) {
        return a != null && a.trim().equalsIgnoreCase(b.trim());
    }

    /** Rounded so that the stored explanation reads cleanly and float noise never reorders equal scores. */
    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    private static Map<String, Double> roundAll(Map<String, Double> terms) {
        Map<String, Double> rounded = new LinkedHashMap<>();
        terms.forEach((k, v) -> rounded.put(k, round(v)));
        return rounded;
    }
}

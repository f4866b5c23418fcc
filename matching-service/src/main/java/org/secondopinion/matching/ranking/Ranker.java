package org.secondopinion.matching.ranking;

import org.secondopinion.matching.config.MatchingConfig;

import java.time.LocalDate;
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
import java.util.stream.DoubleStream;

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

    /**
     * Best score first, then by the id's text. The text of a UUID is its 128 bits in fixed-width hex, so comparing
     * the two halves as unsigned numbers gives the same order without building two strings per comparison.
     */
    private static final Comparator<RankedCandidate> BEST_FIRST = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        if (byScore != 0) {
            return byScore;
        }
        int high = Long.compareUnsigned(a.specialistId().getMostSignificantBits(),
                b.specialistId().getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.specialistId().getLeastSignificantBits(),
                b.specialistId().getLeastSignificantBits());
    };

    private final MatchingConfig.Weights weights;

    public Ranker(MatchingConfig.Weights weights) {
        this.weights = weights;
    }

    /**
     * Ranks by checking every specialist in turn: the plain statement of the rules, kept for small lists and as the
     * reference the bucketed ranking is tested against.
     *
     * @param alreadyTried specialists who declined or let an offer for this case expire (or hold one now)
     * @param today        the day of the ranking (UTC): who is out of office on it is not offered the case
     */
    public Ranking rank(CaseFacts kase, Collection<SpecialistFacts> specialists, Set<UUID> alreadyTried,
                        LocalDate today) {
        CaseTerms terms = new CaseTerms(kase, weights);
        List<RankedCandidate> candidates = new ArrayList<>();
        Map<Exclusion, Integer> exclusions = new EnumMap<>(Exclusion.class);
        for (SpecialistFacts specialist : specialists) {
            Optional<Exclusion> excluded = exclusion(kase, specialist, alreadyTried, today);
            if (excluded.isPresent()) {
                exclusions.merge(excluded.get(), 1, Integer::sum);
            } else {
                boolean speaks = kase.preferredLanguage() != null
                        && containsIgnoreCase(specialist.languages(), kase.preferredLanguage());
                candidates.add(score(terms, specialist, speaks));
            }
        }
        candidates.sort(BEST_FIRST);
        return new Ranking(List.copyOf(candidates), exclusions);
    }

    /**
     * The same ranking as {@link #rank(CaseFacts, Collection, Set, LocalDate)} over the same specialists, but only
     * the case's bucket is checked and scored: everyone outside it failed one of the first four constraints, and the
     * directory's counts say which one first (an inactive specialist counts as INACTIVE whatever else they lack).
     */
    public Ranking rank(CaseFacts kase, SpecialistDirectory directory, Set<UUID> alreadyTried, LocalDate today) {
        Map<Exclusion, Integer> exclusions = new EnumMap<>(Exclusion.class);
        count(exclusions, Exclusion.INACTIVE, directory.inactive());
        count(exclusions, Exclusion.NOT_ACCEPTING_NEW_CASES, directory.notAccepting());
        SpecialistDirectory.Specialty specialty = directory.specialty(IndexedSpecialist.key(kase.specialty()));
        int certified = specialty == null ? 0 : specialty.certified();
        count(exclusions, Exclusion.NOT_CERTIFIED_IN_SPECIALTY, directory.open() - certified);
        IndexedSpecialist[] bucket = specialty == null ? SpecialistDirectory.NONE
                : specialty.bucket(IndexedSpecialist.key(kase.patientState()));
        count(exclusions, Exclusion.NOT_LICENSED_IN_PATIENT_STATE, certified - bucket.length);

        CaseTerms terms = new CaseTerms(kase, weights);
        String institutionKey = kase.surgeonInstitution() == null || kase.surgeonInstitution().isBlank() ? null
                : IndexedSpecialist.key(kase.surgeonInstitution().trim());
        String languageKey = IndexedSpecialist.key(kase.preferredLanguage());
        long epochDay = today.toEpochDay();
        List<RankedCandidate> candidates = new ArrayList<>(bucket.length);
        for (IndexedSpecialist specialist : bucket) {
            Exclusion excluded = remainingExclusion(kase, specialist, institutionKey, alreadyTried, epochDay);
            if (excluded != null) {
                exclusions.merge(excluded, 1, Integer::sum);
            } else {
                boolean speaks = languageKey != null && specialist.languageKeys.contains(languageKey);
                candidates.add(score(terms, specialist.facts, speaks));
            }
        }
        candidates.sort(BEST_FIRST);
        return new Ranking(List.copyOf(candidates), exclusions);
    }

    /** Constraints 5–9, in the order of {@link #exclusion}, for a specialist already in the case's bucket. */
    private static Exclusion remainingExclusion(CaseFacts kase, IndexedSpecialist specialist, String institutionKey,
                                                Set<UUID> alreadyTried, long epochDay) {
        SpecialistFacts s = specialist.facts;
        if (kase.surgeonNpi() != null && kase.surgeonNpi().equals(s.npi())) {
            return Exclusion.RECOMMENDING_SURGEON;
        }
        if (institutionKey != null) {
            for (String affiliation : specialist.affiliationKeys) {
                if (affiliation.equals(institutionKey)) {
                    return Exclusion.SHARED_AFFILIATION;
                }
            }
        }
        if (s.activeCases() >= s.capacity()) {
            return Exclusion.AT_CAPACITY;
        }
        if (specialist.outOfOfficeOn(epochDay)) {
            return Exclusion.OUT_OF_OFFICE;
        }
        if (alreadyTried.contains(s.id())) {
            return Exclusion.ALREADY_OFFERED;
        }
        return null;
    }

    /** As the full scan does, a reason that excluded nobody is not listed. */
    private static void count(Map<Exclusion, Integer> exclusions, Exclusion reason, int count) {
        if (count > 0) {
            exclusions.put(reason, count);
        }
    }

    /**
     * The first hard constraint a specialist fails for a case, if any: what the ranking counts, and what a
     * coordinator's assignment must override with {@code force}.
     *
     * @param today the day of the ranking or assignment (UTC), for {@link Exclusion#OUT_OF_OFFICE}
     */
    public Optional<Exclusion> exclusion(CaseFacts kase, SpecialistFacts s, Set<UUID> alreadyTried, LocalDate today) {
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
        if (s.outOfOfficeOn(today)) {
            return Optional.of(Exclusion.OUT_OF_OFFICE);
        }
        if (alreadyTried.contains(s.id())) {
            return Optional.of(Exclusion.ALREADY_OFFERED);
        }
        return Optional.empty();
    }

    RankedCandidate score(CaseFacts kase, SpecialistFacts s) {
        return score(new CaseTerms(kase, weights), s, kase.preferredLanguage() != null
                && containsIgnoreCase(s.languages(), kase.preferredLanguage()));
    }

    /** What scoring needs from the case, worked out once per ranking rather than once per candidate. */
    private record CaseTerms(String procedureCode, boolean avoidsSurgery, double turnaroundWeight) {

        CaseTerms(CaseFacts kase, MatchingConfig.Weights weights) {
            this(kase.procedureCode(), kase.wantsToAvoidSurgery(),
                    weights.turnaround() * (kase.urgent() ? weights.urgentTurnaroundFactor() : 1.0));
        }
    }

    /** One scoring for both ways of ranking, so that they cannot differ by so much as a rounding. */
    private RankedCandidate score(CaseTerms kase, SpecialistFacts s, boolean speaksPreferredLanguage) {
        double procedure = kase.procedureCode() != null && s.procedureExpertise().contains(kase.procedureCode())
                ? weights.procedure() : 0.0;
        // only patients who want to avoid surgery gain from non-operative expertise; others score it neutrally
        double goalFit = kase.avoidsSurgery() && s.nonOperativeExpertise() ? weights.goalFit() : 0.0;
        double speed = Math.min(1.0, (double) weights.referenceTurnaroundHours() / Math.max(1, s.typicalTurnaroundHours()));
        double turnaround = kase.turnaroundWeight() * speed;
        double freeShare = s.capacity() <= 0 ? 0.0 : 1.0 - (double) s.activeCases() / s.capacity();
        double load = weights.load() * freeShare;
        double language = speaksPreferredLanguage ? weights.language() : 0.0;
        double total = DoubleStream.of(procedure, goalFit, turnaround, load, language).sum();
        Map<String, Double> terms = new LinkedHashMap<>(8);
        terms.put(TERM_PROCEDURE, round(procedure));
        terms.put(TERM_GOAL_FIT, round(goalFit));
        terms.put(TERM_TURNAROUND, round(turnaround));
        terms.put(TERM_LOAD, round(load));
        terms.put(TERM_LANGUAGE, round(language));
        return new RankedCandidate(s.id(), s.userId(), round(total), terms);
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
}

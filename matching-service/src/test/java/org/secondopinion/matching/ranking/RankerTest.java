package org.secondopinion.matching.ranking;

import org.junit.jupiter.api.Test;
import org.secondopinion.matching.config.MatchingConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RankerTest {

    static final UUID MAYA = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    static final UUID DANIEL = UUID.fromString("5e000000-0000-4000-8000-000000000002");
    /** The day every ranking here happens on (Matchmaker passes the UTC date of its clock). */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 21);

    static final MatchingConfig.Weights WEIGHTS = new MatchingConfig.Weights() {
        public double procedure() { return 3.0; }
        public double goalFit() { return 2.0; }
        public double turnaround() { return 1.0; }
        public double urgentTurnaroundFactor() { return 3.0; }
        public int referenceTurnaroundHours() { return 24; }
        public double load() { return 1.0; }
        public double language() { return 1.0; }
    };

    final Ranker ranker = new Ranker(WEIGHTS);

    static CaseFacts routineSpineCase() {
        return new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "en", List.of("UNDERSTAND_OPTIONS"),
                null, "Valley Spine Center");
    }

    static SpecialistFacts maya() {
        return new SpecialistFacts(MAYA, "specialist1", "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"),
                List.of("CA", "NV"), List.of("en", "es"), List.of("63030", "63047", "22551"), true, "1234567893",
                List.of("UCSF Health"), 10, 0, 24);
    }

    static SpecialistFacts daniel() {
        return new SpecialistFacts(DANIEL, "specialist2", "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"),
                List.of("CA"), List.of("en"), List.of("63030", "63047"), true, "1245319599",
                List.of("Cedars-Sinai"), 10, 0, 48);
    }

    static SpecialistFacts with(SpecialistFacts s, String status, boolean accepting, List<String> certs,
                                List<String> states, String npi, List<String> affiliations, int capacity,
                                int active, boolean nonOp, int turnaround) {
        return new SpecialistFacts(s.id(), s.userId(), status, accepting, certs, states, s.languages(),
                s.procedureExpertise(), nonOp, npi, affiliations, capacity, active, turnaround);
    }

    static SpecialistFacts away(SpecialistFacts s, LocalDate from, LocalDate to) {
        return new SpecialistFacts(s.id(), s.userId(), s.status(), s.acceptingNewCases(), s.certifiedSpecialties(),
                s.licensedStates(), s.languages(), s.procedureExpertise(), s.nonOperativeExpertise(), s.npi(),
                s.affiliations(), s.capacity(), s.activeCases(), s.typicalTurnaroundHours(),
                List.of(new Absence(from, to)));
    }

    private Exclusion onlyExclusion(CaseFacts kase, SpecialistFacts s, Set<UUID> tried) {
        Ranking ranking = ranker.rank(kase, List.of(s), tried, TODAY);
        assertThat(ranking.candidates()).isEmpty();
        assertThat(ranking.exclusions()).hasSize(1);
        return ranking.exclusions().keySet().iterator().next();
    }

    @Test
    void demoCaseGoesToSpecialist1FirstThenSpecialist2() {
        Ranking ranking = ranker.rank(routineSpineCase(), List.of(daniel(), maya()), Set.of(), TODAY);
        assertThat(ranking.candidates()).extracting(RankedCandidate::specialistUserId)
                .containsExactly("specialist1", "specialist2");
        assertThat(ranking.exclusions()).isEmpty();

        Ranking afterDecline = ranker.rank(routineSpineCase(), List.of(daniel(), maya()), Set.of(MAYA), TODAY);
        assertThat(afterDecline.candidates()).extracting(RankedCandidate::specialistUserId).containsExactly("specialist2");
        assertThat(afterDecline.exclusions()).containsEntry(Exclusion.ALREADY_OFFERED, 1);
    }

    @Test
    void everyScoreTermIsExplained() {
        RankedCandidate best = ranker.rank(routineSpineCase(), List.of(maya()), Set.of(), TODAY).candidates().get(0);
        assertThat(best.terms()).containsOnlyKeys(Ranker.TERM_PROCEDURE, Ranker.TERM_GOAL_FIT, Ranker.TERM_TURNAROUND,
                Ranker.TERM_LOAD, Ranker.TERM_LANGUAGE);
        assertThat(best.terms().get(Ranker.TERM_PROCEDURE)).isEqualTo(3.0);
        assertThat(best.terms().get(Ranker.TERM_LANGUAGE)).isEqualTo(1.0);
        assertThat(best.score()).isEqualTo(best.terms().values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void inactiveSpecialistIsExcluded() {
        SpecialistFacts s = maya();
        assertThat(onlyExclusion(routineSpineCase(), with(s, "SUSPENDED", true, s.certifiedSpecialties(),
                s.licensedStates(), s.npi(), s.affiliations(), 10, 0, true, 24), Set.of())).isEqualTo(Exclusion.INACTIVE);
    }

    @Test
    void specialistNotAcceptingNewCasesIsExcluded() {
        SpecialistFacts s = maya();
        assertThat(onlyExclusion(routineSpineCase(), with(s, "ACTIVE", false, s.certifiedSpecialties(),
                s.licensedStates(), s.npi(), s.affiliations(), 10, 0, true, 24), Set.of()))
                .isEqualTo(Exclusion.NOT_ACCEPTING_NEW_CASES);
    }

    @Test
    void specialistWithoutCertificationInTheSpecialtyIsExcluded() {
        SpecialistFacts s = maya();
        assertThat(onlyExclusion(routineSpineCase(), with(s, "ACTIVE", true, List.of("NEUROSURGERY"),
                s.licensedStates(), s.npi(), s.affiliations(), 10, 0, true, 24), Set.of()))
                .isEqualTo(Exclusion.NOT_CERTIFIED_IN_SPECIALTY);
    }

    @Test
    void specialistWithoutLicenceInPatientsStateIsExcluded() {
        SpecialistFacts s = maya();
        assertThat(onlyExclusion(routineSpineCase(), with(s, "ACTIVE", true, s.certifiedSpecialties(),
                List.of("NY"), s.npi(), s.affiliations(), 10, 0, true, 24), Set.of()))
                .isEqualTo(Exclusion.NOT_LICENSED_IN_PATIENT_STATE);
    }

    @Test
    void recommendingSurgeonIsNeverTheSecondOpinion() {
        CaseFacts kase = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "en", List.of(),
                "1234567893", null);
        assertThat(onlyExclusion(kase, maya(), Set.of())).isEqualTo(Exclusion.RECOMMENDING_SURGEON);
    }

    @Test
    void sharedAffiliationWithTheSurgeonsInstitutionIsExcluded() {
        CaseFacts kase = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "en", List.of(),
                null, " ucsf health ");
        assertThat(onlyExclusion(kase, maya(), Set.of())).isEqualTo(Exclusion.SHARED_AFFILIATION);
    }

    @Test
    void specialistAtCapacityIsExcluded() {
        SpecialistFacts s = maya();
        assertThat(onlyExclusion(routineSpineCase(), with(s, "ACTIVE", true, s.certifiedSpecialties(),
                s.licensedStates(), s.npi(), s.affiliations(), 3, 3, true, 24), Set.of()))
                .isEqualTo(Exclusion.AT_CAPACITY);
    }

    @Test
    void specialistWhoAlreadyDeclinedOrLetItExpireIsExcluded() {
        assertThat(onlyExclusion(routineSpineCase(), maya(), Set.of(MAYA))).isEqualTo(Exclusion.ALREADY_OFFERED);
    }

    @Test
    void specialistOutOfOfficeTodayIsExcluded() {
        assertThat(onlyExclusion(routineSpineCase(), away(maya(), TODAY.minusDays(3), TODAY.plusDays(3)), Set.of()))
                .isEqualTo(Exclusion.OUT_OF_OFFICE);
        // both ends count: the first day away and the last
        assertThat(onlyExclusion(routineSpineCase(), away(maya(), TODAY, TODAY.plusDays(10)), Set.of()))
                .isEqualTo(Exclusion.OUT_OF_OFFICE);
        assertThat(onlyExclusion(routineSpineCase(), away(maya(), TODAY.minusDays(10), TODAY), Set.of()))
                .isEqualTo(Exclusion.OUT_OF_OFFICE);
    }

    @Test
    void anAbsenceThatEndedYesterdayOrStartsTomorrowDoesNotExclude() {
        SpecialistFacts backToday = away(maya(), TODAY.minusDays(7), TODAY.minusDays(1));
        SpecialistFacts leavesTomorrow = away(daniel(), TODAY.plusDays(1), TODAY.plusDays(14));

        Ranking ranking = ranker.rank(routineSpineCase(), List.of(backToday, leavesTomorrow), Set.of(), TODAY);

        assertThat(ranking.candidates()).extracting(RankedCandidate::specialistId).containsExactly(MAYA, DANIEL);
        assertThat(ranking.exclusions()).isEmpty();
        // the next day it is the other way round for the one who leaves
        assertThat(ranker.rank(routineSpineCase(), List.of(backToday, leavesTomorrow), Set.of(), TODAY.plusDays(1))
                .exclusions()).containsOnly(Map.entry(Exclusion.OUT_OF_OFFICE, 1));
    }

    @Test
    void outOfOfficeComesAfterCapacityAndBeforeAlreadyOffered() {
        SpecialistFacts s = maya();
        SpecialistFacts fullAndAway = away(with(s, "ACTIVE", true, s.certifiedSpecialties(), s.licensedStates(),
                s.npi(), s.affiliations(), 3, 3, true, 24), TODAY, TODAY);
        assertThat(onlyExclusion(routineSpineCase(), fullAndAway, Set.of())).isEqualTo(Exclusion.AT_CAPACITY);
        assertThat(onlyExclusion(routineSpineCase(), away(s, TODAY, TODAY), Set.of(MAYA)))
                .isEqualTo(Exclusion.OUT_OF_OFFICE);
    }

    @Test
    void aCoordinatorsAssignmentSeesTheAbsenceAsTheConstraintToOverride() {
        SpecialistFacts awayThisWeek = away(maya(), TODAY.minusDays(2), TODAY.plusDays(4));
        assertThat(ranker.exclusion(routineSpineCase(), awayThisWeek, Set.of(), TODAY)).contains(Exclusion.OUT_OF_OFFICE);
        assertThat(ranker.exclusion(routineSpineCase(), awayThisWeek, Set.of(), TODAY.plusDays(5))).isEmpty();
    }

    @Test
    void patientWhoWantsToAvoidSurgeryFavoursNonOperativeExpertise() {
        CaseFacts avoid = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "en",
                List.of("AVOID_SURGERY"), null, null);
        // daniel is slower but non-operative; maya is faster but purely operative here
        SpecialistFacts fastOperative = with(maya(), "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"),
                "1234567893", List.of(), 10, 0, false, 24);
        Ranking ranking = ranker.rank(avoid, List.of(fastOperative, daniel()), Set.of(), TODAY);
        assertThat(ranking.candidates()).extracting(RankedCandidate::specialistId).containsExactly(DANIEL, MAYA);
        assertThat(ranking.candidates().get(0).terms().get(Ranker.TERM_GOAL_FIT)).isEqualTo(2.0);

        // without that goal the same two rank the other way round
        Ranking neutral = ranker.rank(routineSpineCase(), List.of(fastOperative, daniel()), Set.of(), TODAY);
        assertThat(neutral.candidates()).extracting(RankedCandidate::specialistId).containsExactly(MAYA, DANIEL);
    }

    @Test
    void urgentCasesWeightTurnaroundUp() {
        // a slow specialist who speaks the patient's language vs a fast one who does not
        SpecialistFacts slowSpanish = with(daniel(), "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"),
                "1245319599", List.of(), 10, 0, true, 96);
        SpecialistFacts slowSpeaksSpanish = new SpecialistFacts(slowSpanish.id(), "specialist2", "ACTIVE", true,
                List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"), List.of("es"), List.of("63030"), true, "1245319599",
                List.of(), 10, 0, 96);
        SpecialistFacts fastEnglishOnly = new SpecialistFacts(MAYA, "specialist1", "ACTIVE", true,
                List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"), List.of("en"), List.of("63030"), true, "1234567893",
                List.of(), 10, 0, 24);
        CaseFacts routine = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "es", List.of(), null, null);
        CaseFacts urgent = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "URGENT", "CA", "es", List.of(), null, null);

        assertThat(ranker.rank(routine, List.of(fastEnglishOnly, slowSpeaksSpanish), Set.of(), TODAY).candidates())
                .extracting(RankedCandidate::specialistId).containsExactly(DANIEL, MAYA);
        Ranking urgentRanking = ranker.rank(urgent, List.of(fastEnglishOnly, slowSpeaksSpanish), Set.of(), TODAY);
        assertThat(urgentRanking.candidates()).extracting(RankedCandidate::specialistId).containsExactly(MAYA, DANIEL);
        assertThat(urgentRanking.candidates().get(0).terms().get(Ranker.TERM_TURNAROUND)).isEqualTo(3.0);
    }

    @Test
    void lighterLoadScoresHigher() {
        SpecialistFacts busy = with(maya(), "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"),
                "1234567893", List.of(), 10, 8, true, 24);
        RankedCandidate c = ranker.rank(routineSpineCase(), List.of(busy), Set.of(), TODAY).candidates().get(0);
        assertThat(c.terms().get(Ranker.TERM_LOAD)).isEqualTo(0.2);
    }

    @Test
    void equalScoresAreOrderedBySpecialistIdWhateverTheInputOrder() {
        List<SpecialistFacts> twins = new ArrayList<>();
        for (int i = 9; i >= 1; i--) {
            UUID id = UUID.fromString("5e000000-0000-4000-8000-00000000001" + i);
            twins.add(new SpecialistFacts(id, "twin" + i, "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"),
                    List.of("CA"), List.of("en"), List.of("63030"), true, null, List.of(), 10, 0, 24));
        }
        List<UUID> first = ranker.rank(routineSpineCase(), twins, Set.of(), TODAY).candidates().stream()
                .map(RankedCandidate::specialistId).toList();
        Collections.shuffle(twins);
        List<UUID> second = ranker.rank(routineSpineCase(), twins, Set.of(), TODAY).candidates().stream()
                .map(RankedCandidate::specialistId).toList();
        assertThat(first).isEqualTo(second).isSortedAccordingTo((a, b) -> a.toString().compareTo(b.toString()));
    }

    @Test
    void exclusionsAreCountedByReason() {
        SpecialistFacts s = daniel();
        SpecialistFacts unlicensed = with(s, "ACTIVE", true, s.certifiedSpecialties(), List.of("TX"), s.npi(),
                s.affiliations(), 10, 0, true, 48);
        SpecialistFacts other = new SpecialistFacts(UUID.randomUUID(), "x", "ACTIVE", true, List.of("UROLOGY"),
                List.of("TX"), List.of("en"), List.of(), false, null, List.of(), 10, 0, 24);
        Ranking ranking = ranker.rank(routineSpineCase(), List.of(maya(), unlicensed, other), Set.of(), TODAY);
        assertThat(ranking.candidates()).hasSize(1);
        assertThat(ranking.exclusions()).containsEntry(Exclusion.NOT_LICENSED_IN_PATIENT_STATE, 1)
                .containsEntry(Exclusion.NOT_CERTIFIED_IN_SPECIALTY, 1);
    }
}

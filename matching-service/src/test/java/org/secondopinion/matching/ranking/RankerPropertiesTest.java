package org.secondopinion.matching.ranking;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated directories and cases: nobody who fails a hard constraint is ever a candidate (hence never
 * offered: offers go only to candidates), nobody eligible is lost, and the order is deterministic. The oracle
 * below restates DESIGN §5 independently of the ranker's own code.
 */
class RankerPropertiesTest {

    static final List<String> SPECIALTIES = List.of("ORTHOPAEDIC_SURGERY", "NEUROSURGERY", "UROLOGY");
    static final List<String> STATES = List.of("CA", "NV", "NY", "TX");
    static final List<String> LANGUAGES = List.of("en", "es", "fr");
    static final List<String> PROCEDURES = List.of("63030", "63047", "22551", "27447");
    static final List<String> INSTITUTIONS = List.of("UCSF Health", "Cedars-Sinai", "Valley Spine Center");
    static final List<String> NPIS = List.of("1234567893", "1245319599", "1003000126");

    final Ranker ranker = new Ranker(RankerTest.WEIGHTS);

    @Property(tries = 200)
    void noCandidateEverViolatesAHardConstraint(@ForAll("cases") CaseFacts kase,
                                                @ForAll("directories") List<SpecialistFacts> directory,
                                                @ForAll("seeds") long seed) {
        Set<UUID> tried = directory.stream().filter(s -> Math.floorMod(s.id().hashCode() ^ seed, 4) == 0)
                .map(SpecialistFacts::id).collect(Collectors.toSet());
        Ranking ranking = ranker.rank(kase, directory, tried, RankerTest.TODAY);

        for (RankedCandidate c : ranking.candidates()) {
            SpecialistFacts s = directory.stream().filter(d -> d.id().equals(c.specialistId())).findFirst().orElseThrow();
            assertThat(eligible(kase, s, tried)).as("candidate %s must pass every hard constraint", s).isTrue();
        }
        long eligible = directory.stream().filter(s -> eligible(kase, s, tried)).count();
        assertThat(ranking.candidates()).hasSize((int) eligible);
        int excluded = ranking.exclusions().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(excluded + ranking.candidates().size()).isEqualTo(directory.size());
        assertThat(ranking.candidates()).isSortedAccordingTo((a, b) -> a.score() != b.score()
                ? Double.compare(b.score(), a.score()) : a.specialistId().toString().compareTo(b.specialistId().toString()));
    }

    /** DESIGN §5's hard constraints, written out on their own. */
    static boolean eligible(CaseFacts k, SpecialistFacts s, Set<UUID> tried) {
        return "ACTIVE".equals(s.status())
                && s.acceptingNewCases()
                && s.certifiedSpecialties().contains(k.specialty())
                && s.licensedStates().contains(k.patientState())
                && !(k.surgeonNpi() != null && k.surgeonNpi().equals(s.npi()))
                && !(k.surgeonInstitution() != null && s.affiliations().contains(k.surgeonInstitution()))
                && s.activeCases() < s.capacity()
                && s.outOfOffice().stream().noneMatch(a -> !RankerTest.TODAY.isBefore(a.from())
                        && !RankerTest.TODAY.isAfter(a.to()))
                && !tried.contains(s.id());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<CaseFacts> cases() {
        return Combinators.combine(
                Arbitraries.of(SPECIALTIES), Arbitraries.of(PROCEDURES).injectNull(0.2),
                Arbitraries.of("ROUTINE", "URGENT"), Arbitraries.of(STATES),
                Arbitraries.of(LANGUAGES).injectNull(0.2),
                Arbitraries.of("AVOID_SURGERY", "UNDERSTAND_OPTIONS", "FASTER_RECOVERY").set().ofMaxSize(2),
                Arbitraries.of(NPIS).injectNull(0.3), Arbitraries.of(INSTITUTIONS).injectNull(0.3))
                .as((spec, proc, urgency, state, lang, goals, npi, inst) ->
                        new CaseFacts(spec, proc, urgency, state, lang, List.copyOf(goals), npi, inst));
    }

    @Provide
    Arbitrary<List<SpecialistFacts>> directories() {
        return specialist().list().ofMaxSize(40).uniqueElements(SpecialistFacts::id);
    }

    private Arbitrary<SpecialistFacts> specialist() {
        Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 5);
        Arbitrary<int[]> load = capacity.flatMap(c -> Arbitraries.integers().between(0, c + 1).map(a -> new int[]{c, a}));
        return Combinators.combine(
                Arbitraries.create(UUID::randomUUID),
                Arbitraries.of("ACTIVE", "SUSPENDED", "PENDING_VERIFICATION"),
                Arbitraries.of(true, true, false),
                Arbitraries.of(SPECIALTIES).set().ofMaxSize(2),
                Arbitraries.of(STATES).set().ofMaxSize(3),
                Arbitraries.of(PROCEDURES).set().ofMaxSize(3),
                Arbitraries.of(NPIS).injectNull(0.5),
                Arbitraries.of(INSTITUTIONS).set().ofMaxSize(2))
                .as((id, status, accepting, certs, states, procs, npi, affiliations) -> new Object[]{id, status,
                        accepting, certs, states, procs, npi, affiliations})
                .flatMap(a -> Combinators.combine(load, Arbitraries.of(LANGUAGES).set().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.integers().between(1, 120), Arbitraries.of(true, false),
                        BucketedRankingPropertiesTest.absences())
                        .as((cl, langs, turnaround, nonOp, away) -> specialist(a, cl, langs, turnaround, nonOp, away)));
    }

    @SuppressWarnings("unchecked")
    private static SpecialistFacts specialist(Object[] a, int[] capacityAndLoad, Set<String> languages, int turnaround,
                                              boolean nonOperative, List<Absence> outOfOffice) {
        UUID id = (UUID) a[0];
        return new SpecialistFacts(id, "user-" + id, (String) a[1], (Boolean) a[2],
                List.copyOf((Set<String>) a[3]), List.copyOf((Set<String>) a[4]), List.copyOf(languages),
                List.copyOf((Set<String>) a[5]), nonOperative, (String) a[6], List.copyOf((Set<String>) a[7]),
                capacityAndLoad[0], capacityAndLoad[1], turnaround, outOfOffice);
    }

    @Property(tries = 100)
    void theSameInputsAlwaysGiveTheSameOrder(@ForAll("cases") CaseFacts kase,
                                             @ForAll("directories") @Size(max = 30) List<SpecialistFacts> directory) {
        List<SpecialistFacts> reversed = new java.util.ArrayList<>(directory);
        java.util.Collections.reverse(reversed);
        assertThat(ranker.rank(kase, reversed, new HashSet<>(), RankerTest.TODAY).candidates())
                .isEqualTo(ranker.rank(kase, directory, Set.of(), RankerTest.TODAY).candidates());
    }
}

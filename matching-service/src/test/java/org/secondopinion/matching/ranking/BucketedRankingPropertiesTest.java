package org.secondopinion.matching.ranking;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple4;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucketed ranking (what Matchmaker runs) must give exactly the ranking of the plain full scan over the same
 * specialists: the same candidates in the same order with the same score terms, and the same count per exclusion
 * reason. Codes come in mixed case (and with characters whose case folding is not plain A–Z) because the scan
 * compares them case-insensitively and the buckets by normalised keys. Out-of-office periods lie around the day of
 * the ranking (starting or ending on it, the day before or after), and a directory built once is ranked on
 * several days, as the index is across midnight.
 */
class BucketedRankingPropertiesTest {

    static final List<String> SPECIALTIES = List.of("ORTHOPAEDIC_SURGERY", "orthopaedic_surgery", "NEUROSURGERY",
            "Neurosurgery", "UROLOGY");
    /** "ſt" equalsIgnoreCase "ST" (long s upper-cases to S); "ß" never equals "SS". */
    static final List<String> STATES = List.of("CA", "ca", "NV", "ST", "ſt", "ß", "SS");
    static final List<String> LANGUAGES = List.of("en", "EN", "es", "fr");
    static final List<String> PROCEDURES = List.of("63030", "63047", "27447");
    static final List<String> INSTITUTIONS = List.of("UCSF Health", " ucsf health ", "Cedars-Sinai", "Valley Spine");
    static final List<String> NPIS = List.of("1234567893", "1245319599");

    final Ranker ranker = new Ranker(RankerTest.WEIGHTS);

    @Property(tries = 300)
    void bucketedRankingEqualsTheFullScan(@ForAll("cases") CaseFacts kase,
                                          @ForAll("directories") List<SpecialistFacts> directory,
                                          @ForAll("seeds") long seed, @ForAll("days") LocalDate day) {
        Set<UUID> tried = directory.stream().filter(s -> Math.floorMod(s.id().hashCode() ^ seed, 3) == 0)
                .map(SpecialistFacts::id).collect(Collectors.toSet());
        SpecialistDirectory bucketed = SpecialistDirectory.of(directory.stream()
                .map(s -> IndexedSpecialist.of(1, s)).toList());

        assertThat(bucketed.size()).isEqualTo(directory.size());
        assertThat(ranker.rank(kase, bucketed, tried, day)).isEqualTo(ranker.rank(kase, directory, tried, day));
    }

    /**
     * The index's incremental refresh: snapshots arrive one by one (newer, the same version with another load
     * count, stale older ones, newcomers) and are published now and then; after every publication the bucketed
     * ranking equals a full scan of what a newest-version-wins table would hold.
     */
    @Property(tries = 200)
    void incrementallyRefreshedBucketsRankLikeAFullScanOfTheNewestSnapshots(
            @ForAll("cases") CaseFacts kase,
            @ForAll("directories") List<SpecialistFacts> initial,
            @ForAll("changes") List<Tuple4<Integer, Integer, Boolean, SpecialistFacts>> changes) {
        LiveDirectory live = new LiveDirectory();
        Map<UUID, Long> versions = new LinkedHashMap<>();
        Map<UUID, SpecialistFacts> table = new LinkedHashMap<>();
        for (SpecialistFacts s : initial) {
            live.put(10, s);
            versions.put(s.id(), 10L);
            table.put(s.id(), s);
        }
        assertSameRanking(kase, live.publish(), table);

        List<UUID> ids = new ArrayList<>(table.keySet());
        for (Tuple4<Integer, Integer, Boolean, SpecialistFacts> change : changes) {
            // target beyond the known ids: a newcomer
            UUID id = change.get1() < ids.size() ? ids.get(change.get1()) : change.get4().id();
            long version = versions.getOrDefault(id, 10L) + change.get2();
            SpecialistFacts facts = withId(change.get4(), id);
            boolean known = versions.containsKey(id);
            boolean newer = !known || version >= versions.get(id);
            boolean identical = known && version == versions.get(id) && facts.equals(table.get(id));
            assertThat(live.put(version, facts)).as("taken unless older or identical").isEqualTo(newer && !identical);
            if (newer) {
                versions.put(id, version);
                table.put(id, facts);
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            if (change.get3()) {
                assertSameRanking(kase, live.publish(), table);
            }
        }
        assertSameRanking(kase, live.publish(), table);
    }

    @Test
    void exclusionsOutsideTheBucketAreCountedByTheirFirstFailedConstraint() {
        SpecialistFacts maya = RankerTest.maya();
        List<Absence> awayToday = List.of(new Absence(RankerTest.TODAY.minusDays(3), RankerTest.TODAY));
        List<SpecialistFacts> directory = List.of(
                maya,
                // fails certification and licence too, but INACTIVE comes first
                new SpecialistFacts(UUID.randomUUID(), "s", "SUSPENDED", true, List.of("UROLOGY"), List.of("NY"),
                        List.of(), List.of(), false, null, List.of(), 10, 0, 24),
                new SpecialistFacts(UUID.randomUUID(), "u", "ACTIVE", true, List.of("UROLOGY"), List.of("CA"),
                        List.of(), List.of(), false, null, List.of(), 10, 0, 24),
                // certified (compared case-insensitively) but licensed elsewhere
                new SpecialistFacts(UUID.randomUUID(), "n", "active", true, List.of("orthopaedic_surgery"),
                        List.of("NY"), List.of(), List.of(), false, null, List.of(), 10, 0, 24),
                // away today as well, but INACTIVE comes first
                new SpecialistFacts(UUID.randomUUID(), "a", "SUSPENDED", true, List.of("ORTHOPAEDIC_SURGERY"),
                        List.of("CA"), List.of(), List.of(), false, null, List.of(), 10, 0, 24, awayToday),
                // in the bucket: one away today, one away today and full (capacity is checked first)
                new SpecialistFacts(UUID.randomUUID(), "o", "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"),
                        List.of("CA"), List.of(), List.of(), false, null, List.of(), 10, 0, 24, awayToday),
                new SpecialistFacts(UUID.randomUUID(), "f", "ACTIVE", true, List.of("ORTHOPAEDIC_SURGERY"),
                        List.of("CA"), List.of(), List.of(), false, null, List.of(), 2, 2, 24, awayToday));
        Ranking ranking = ranker.rank(RankerTest.routineSpineCase(),
                SpecialistDirectory.of(directory.stream().map(s -> IndexedSpecialist.of(1, s)).toList()), Set.of(),
                RankerTest.TODAY);

        assertThat(ranking.candidates()).extracting(RankedCandidate::specialistId).containsExactly(maya.id());
        assertThat(ranking.exclusions()).containsOnly(
                Map.entry(Exclusion.INACTIVE, 2),
                Map.entry(Exclusion.NOT_CERTIFIED_IN_SPECIALTY, 1),
                Map.entry(Exclusion.NOT_LICENSED_IN_PATIENT_STATE, 1),
                Map.entry(Exclusion.AT_CAPACITY, 1),
                Map.entry(Exclusion.OUT_OF_OFFICE, 1));
        assertThat(ranking).isEqualTo(ranker.rank(RankerTest.routineSpineCase(), directory, Set.of(),
                RankerTest.TODAY));
    }

    @Test
    void keysMatchExactlyWhenEqualsIgnoreCaseDoes() {
        List<String> samples = List.of("CA", "ca", "Ca", "ST", "ſt", "ß", "SS", "ss", "İ", "i", "I", "ı", "K", "\u212A",
                "Ω", "\u2126", "ω", "σ", "ς", "Σ", "\uD801\uDC00", "\uD801\uDC28", "");
        for (String a : samples) {
            for (String b : samples) {
                assertThat(IndexedSpecialist.key(a).equals(IndexedSpecialist.key(b))).as("%s vs %s", a, b)
                        .isEqualTo(a.equalsIgnoreCase(b));
            }
        }
    }

    private void assertSameRanking(CaseFacts kase, SpecialistDirectory bucketed, Map<UUID, SpecialistFacts> table) {
        List<SpecialistFacts> rows = List.copyOf(table.values());
        Set<UUID> tried = rows.stream().limit(2).map(SpecialistFacts::id).collect(Collectors.toSet());
        assertThat(bucketed.size()).isEqualTo(rows.size());
        for (LocalDate day = RankerTest.TODAY.minusDays(1); !day.isAfter(RankerTest.TODAY.plusDays(1));
             day = day.plusDays(1)) {
            assertThat(ranker.rank(kase, bucketed, tried, day)).as("ranked on %s", day)
                    .isEqualTo(ranker.rank(kase, rows, tried, day));
        }
    }

    private static SpecialistFacts withId(SpecialistFacts s, UUID id) {
        return new SpecialistFacts(id, s.userId(), s.status(), s.acceptingNewCases(), s.certifiedSpecialties(),
                s.licensedStates(), s.languages(), s.procedureExpertise(), s.nonOperativeExpertise(), s.npi(),
                s.affiliations(), s.capacity(), s.activeCases(), s.typicalTurnaroundHours(), s.outOfOffice());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(-2, 2).map(RankerTest.TODAY::plusDays);
    }

    /**
     * Mostly nobody away; otherwise up to three periods of one to four days starting within three days of
     * {@link RankerTest#TODAY}, so that a period starting, ending or lying around the day of the ranking is common.
     * (They may overlap: the directory refuses that, but the ranker must not depend on it.)
     */
    static Arbitrary<List<Absence>> absences() {
        Arbitrary<Absence> absence = Combinators.combine(Arbitraries.integers().between(-3, 3),
                        Arbitraries.integers().between(0, 3))
                .as((start, length) -> new Absence(RankerTest.TODAY.plusDays(start),
                        RankerTest.TODAY.plusDays(start + length)));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Absence>of())),
                Tuple.of(1, absence.list().ofMinSize(1).ofMaxSize(3)));
    }

    @Provide
    Arbitrary<CaseFacts> cases() {
        return Combinators.combine(
                Arbitraries.of(SPECIALTIES).injectNull(0.05), Arbitraries.of(PROCEDURES).injectNull(0.2),
                Arbitraries.of("ROUTINE", "URGENT", "urgent"), Arbitraries.of(STATES).injectNull(0.05),
                Arbitraries.of(LANGUAGES).injectNull(0.2),
                Arbitraries.of("AVOID_SURGERY", "avoid_surgery", "UNDERSTAND_OPTIONS").set().ofMaxSize(2),
                Arbitraries.of(NPIS).injectNull(0.5), Arbitraries.of(INSTITUTIONS).injectNull(0.3))
                .as((spec, proc, urgency, state, lang, goals, npi, inst) ->
                        new CaseFacts(spec, proc, urgency, state, lang, List.copyOf(goals), npi, inst));
    }

    @Provide
    Arbitrary<List<SpecialistFacts>> directories() {
        return specialist().list().ofMaxSize(60).uniqueElements(SpecialistFacts::id);
    }

    /** (target index — past the end means a newcomer, version step −1..2, publish after it?, new facts) */
    @Provide
    Arbitrary<List<Tuple4<Integer, Integer, Boolean, SpecialistFacts>>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, 70), Arbitraries.integers().between(-1, 2),
                        Arbitraries.of(true, false, false), specialist())
                .as((target, step, publish, facts) -> Tuple.of(target, step, publish, facts)).list().ofMaxSize(30);
    }

    private Arbitrary<SpecialistFacts> specialist() {
        Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 4);
        Arbitrary<int[]> load = capacity.flatMap(c -> Arbitraries.integers().between(0, c + 1).map(a -> new int[]{c, a}));
        return Combinators.combine(
                Arbitraries.create(UUID::randomUUID),
                Arbitraries.of("ACTIVE", "active", "SUSPENDED").injectNull(0.05),
                Arbitraries.of(true, true, false),
                Arbitraries.of(SPECIALTIES).list().ofMaxSize(3),
                Arbitraries.of(STATES).list().ofMaxSize(3),
                Arbitraries.of(PROCEDURES).set().ofMaxSize(2),
                Arbitraries.of(NPIS).injectNull(0.5),
                Arbitraries.of(INSTITUTIONS).list().ofMaxSize(2))
                .as((id, status, accepting, certs, states, procs, npi, affiliations) -> new Object[]{id, status,
                        accepting, certs, states, procs, npi, affiliations})
                .flatMap(a -> Combinators.combine(load, Arbitraries.of(LANGUAGES).list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 96), Arbitraries.of(true, false), absences())
                        .as((cl, langs, turnaround, nonOp, away) -> specialist(a, cl, langs, turnaround, nonOp, away)));
    }

    @SuppressWarnings("unchecked")
    private static SpecialistFacts specialist(Object[] a, int[] capacityAndLoad, List<String> languages,
                                              int turnaround, boolean nonOperative, List<Absence> outOfOffice) {
        UUID id = (UUID) a[0];
        return new SpecialistFacts(id, "user-" + id, (String) a[1], (Boolean) a[2], (List<String>) a[3],
                (List<String>) a[4], languages, List.copyOf((Set<String>) a[5]), nonOperative, (String) a[6],
                (List<String>) a[7], capacityAndLoad[0], capacityAndLoad[1], turnaround, outOfOffice);
    }
}

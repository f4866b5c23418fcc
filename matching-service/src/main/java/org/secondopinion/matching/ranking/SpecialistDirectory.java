package org.secondopinion.matching.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The projected directory bucketed for ranking (issue 5: p99 ≤ 10 ms against 100 000 specialists). Hard constraints
 * 1–4 (active, accepting, certified in the specialty, licensed in the patient's state) depend only on the
 * specialist and two codes of the case, so they are answered once, when a specialist enters the directory: each
 * specialist passing 1–2 sits in one bucket per (certified specialty, licensed state) pair, and the directory keeps
 * the counts that explain everyone outside a bucket. The ranker then checks constraints 5–9 and scores only the
 * case's bucket. (Out of office is one of those: it depends on the day of the ranking, so it cannot be bucketed
 * once per snapshot.)
 *
 * <p>Immutable, so a ranking in progress never sees a half-applied refresh: {@link #with} returns a new directory
 * that shares every bucket the change did not touch (copy on write; a change costs the size of the buckets it
 * touches, not the size of the directory).
 */
public final class SpecialistDirectory {

    public static final SpecialistDirectory EMPTY = new SpecialistDirectory(0, 0, 0, Map.of());
    static final IndexedSpecialist[] NONE = new IndexedSpecialist[0];

    private final int size;
    private final int inactive;
    private final int notAccepting;
    /** By specialty key: how many open specialists are certified in it, and their buckets by state key. */
    private final Map<String, Specialty> specialties;

    /** @param certified open specialists certified in the specialty, licensed in the state or not */
    record Specialty(int certified, Map<String, IndexedSpecialist[]> byState) {

        IndexedSpecialist[] bucket(String stateKey) {
            return stateKey == null ? NONE : byState.getOrDefault(stateKey, NONE);
        }
    }

    private SpecialistDirectory(int size, int inactive, int notAccepting, Map<String, Specialty> specialties) {
        this.size = size;
        this.inactive = inactive;
        this.notAccepting = notAccepting;
        this.specialties = specialties;
    }

    public static SpecialistDirectory of(Collection<IndexedSpecialist> specialists) {
        return EMPTY.with(List.of(), specialists);
    }

    /** How many specialists the directory holds, in buckets or not. */
    public int size() {
        return size;
    }

    int inactive() {
        return inactive;
    }

    int notAccepting() {
        return notAccepting;
    }

    /** Specialists passing constraints 1–2 (active and accepting new cases). */
    int open() {
        return size - inactive - notAccepting;
    }

    /** @return null when no open specialist is certified in it */
    Specialty specialty(String specialtyKey) {
        return specialtyKey == null ? null : specialties.get(specialtyKey);
    }

    /**
     * @param removed the entries leaving (the previous version of each changed specialist)
     * @param added   the entries arriving (the new version of each changed specialist, and new specialists)
     */
    public SpecialistDirectory with(Collection<IndexedSpecialist> removed, Collection<IndexedSpecialist> added) {
        if (removed.isEmpty() && added.isEmpty()) {
            return this;
        }
        int nextInactive = inactive;
        int nextNotAccepting = notAccepting;
        Set<UUID> removedIds = new HashSet<>();
        Map<String, Integer> certifiedDelta = new HashMap<>();
        Map<String, Map<String, List<IndexedSpecialist>>> arriving = new HashMap<>();
        for (IndexedSpecialist r : removed) {
            removedIds.add(r.id());
            nextInactive -= r.gate == Exclusion.INACTIVE ? 1 : 0;
            nextNotAccepting -= r.gate == Exclusion.NOT_ACCEPTING_NEW_CASES ? 1 : 0;
            if (r.open()) {
                for (String specialty : r.specialtyKeys) {
                    certifiedDelta.merge(specialty, -1, Integer::sum);
                    Map<String, List<IndexedSpecialist>> states = arriving.computeIfAbsent(specialty, k -> new HashMap<>());
                    // an empty arrival list marks the bucket as touched, so the leaver gets filtered out
                    r.stateKeys.forEach(state -> states.computeIfAbsent(state, k -> new ArrayList<>()));
                }
            }
        }
        for (IndexedSpecialist a : added) {
            nextInactive += a.gate == Exclusion.INACTIVE ? 1 : 0;
            nextNotAccepting += a.gate == Exclusion.NOT_ACCEPTING_NEW_CASES ? 1 : 0;
            if (a.open()) {
                for (String specialty : a.specialtyKeys) {
                    certifiedDelta.merge(specialty, 1, Integer::sum);
                    Map<String, List<IndexedSpecialist>> states = arriving.computeIfAbsent(specialty, k -> new HashMap<>());
                    a.stateKeys.forEach(state -> states.computeIfAbsent(state, k -> new ArrayList<>()).add(a));
                }
            }
        }
        Map<String, Specialty> next = new HashMap<>(specialties);
        certifiedDelta.forEach((specialtyKey, delta) -> {
            Specialty old = specialties.get(specialtyKey);
            int certified = (old == null ? 0 : old.certified()) + delta;
            Map<String, IndexedSpecialist[]> byState = old == null ? new HashMap<>() : new HashMap<>(old.byState());
            arriving.getOrDefault(specialtyKey, Map.of()).forEach((stateKey, newcomers) -> {
                IndexedSpecialist[] bucket = byState.getOrDefault(stateKey, NONE);
                List<IndexedSpecialist> kept = new ArrayList<>(bucket.length + newcomers.size());
                for (IndexedSpecialist s : bucket) {
                    if (!removedIds.contains(s.id())) {
                        kept.add(s);
                    }
                }
                kept.addAll(newcomers);
                if (kept.isEmpty()) {
                    byState.remove(stateKey);
                } else {
                    byState.put(stateKey, kept.toArray(NONE));
                }
            });
            if (certified == 0) {
                next.remove(specialtyKey);
            } else {
                next.put(specialtyKey, new Specialty(certified, Map.copyOf(byState)));
            }
        });
        return new SpecialistDirectory(size - removed.size() + added.size(), nextInactive, nextNotAccepting,
                Map.copyOf(next));
    }
}

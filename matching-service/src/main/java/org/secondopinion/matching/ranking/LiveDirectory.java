package org.secondopinion.matching.ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writer's side of the {@link SpecialistDirectory}: takes changed specialists one by one and publishes a new
 * immutable directory holding all of them. Not thread-safe: one writer at a time (the index's lock); readers only
 * ever see published directories.
 */
public final class LiveDirectory {

    private final Map<UUID, IndexedSpecialist> byId = new HashMap<>();
    /** Changed since the last publication: the entry each one had then (null for a newcomer). */
    private final Map<UUID, IndexedSpecialist> leaving = new LinkedHashMap<>();
    private SpecialistDirectory published = SpecialistDirectory.EMPTY;

    /**
     * Takes one specialist's facts unless the directory holds a newer snapshot of them or exactly these facts
     * (a row re-read inside the refresh overlap is usually unchanged, and costs no bucket copy then). The same
     * version with other facts is a change of our own load count, which is taken.
     *
     * @return whether it changed anything
     */
    public boolean put(long version, SpecialistFacts facts) {
        IndexedSpecialist old = byId.get(facts.id());
        if (old != null && (version < old.version() || (version == old.version() && old.facts().equals(facts)))) {
            return false;
        }
        byId.put(facts.id(), IndexedSpecialist.of(version, facts));
        if (!leaving.containsKey(facts.id())) {
            leaving.put(facts.id(), old);
        }
        return true;
    }

    /** The directory with every change taken so far (the previous one again when nothing changed). */
    public SpecialistDirectory publish() {
        if (leaving.isEmpty()) {
            return published;
        }
        List<IndexedSpecialist> removed = new ArrayList<>(leaving.size());
        List<IndexedSpecialist> added = new ArrayList<>(leaving.size());
        leaving.forEach((id, old) -> {
            if (old != null) {
                removed.add(old);
            }
            added.add(byId.get(id));
        });
        leaving.clear();
        published = published.with(removed, added);
        return published;
    }

    public int size() {
        return byId.size();
    }
}

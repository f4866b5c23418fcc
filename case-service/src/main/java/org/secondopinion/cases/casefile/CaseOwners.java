package org.secondopinion.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The patients who own the cases last created or looked at, so that the object check before each of a patient's
 * requests on their own case ({@link CaseVisibility}) needs no read of the case: one database round trip less per
 * submit, read or upload. A remembered owner cannot go stale: a case's owner, once set, never changes
 * ({@link PatientCase#claimFor} refuses a second one) and cases are never deleted. Anyone else, and any case not
 * remembered, is checked against the database. Bounded to the newest 10,000 cases (about 1 MB).
 * <p>
 * A plain LRU map, not Caffeine: its W-TinyLFU admission keeps what is read often and turns away newcomers read once,
 * which is every case here (created, then submitted once). Under intake load it forgot 4-9 of 10 cases before their
 * submit (pg_stat_statements: 0.4-0.9 extra reads of the case per case); a lock around a map that one request touches
 * twice costs nothing next to the read it saves.
 */
@ApplicationScoped
public class CaseOwners {

    static final int REMEMBERED = 10_000;

    private final Map<UUID, String> owners = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * Remembers the case's owner, if it has one yet. Called inside the creating transaction too: should that roll
     * back, the entry names a random id nobody was given.
     */
    void remember(PatientCase c) {
        if (c.patientId != null) {
            owners.put(c.id, c.patientId);
        }
    }

    /** Whether the caller is the patient remembered as the case's owner (false: not known here, ask the database). */
    boolean ownedBy(UUID caseId, CurrentUser user) {
        return user.is(Roles.PATIENT) && Objects.equals(owners.get(caseId), user.id());
    }
}

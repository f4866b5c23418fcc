package org.secondopinion.cases.casefile;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the object check may take from remembered owners without reading the case, and what it may not. */
class CaseOwnersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final CaseOwners owners = new CaseOwners();

    @Test
    void theRememberedOwnerIsRecognised() {
        PatientCase c = PatientCase.draft(UUID.randomUUID(), "SO-2026-000001", "patient1", Origin.PATIENT, NOW);
        owners.remember(c);

        assertThat(owners.ownedBy(c.id, user("patient1", Roles.PATIENT))).isTrue();
    }

    @Test
    void nobodyElseIsTakenForTheOwner() {
        PatientCase c = PatientCase.draft(UUID.randomUUID(), "SO-2026-000002", "patient1", Origin.PATIENT, NOW);
        owners.remember(c);

        assertThat(owners.ownedBy(c.id, user("patient2", Roles.PATIENT))).isFalse();
        // the same subject without the patient role (e.g. a specialist's token) is not the patient
        assertThat(owners.ownedBy(c.id, user("patient1", Roles.SPECIALIST))).isFalse();
        assertThat(owners.ownedBy(UUID.randomUUID(), user("patient1", Roles.PATIENT))).isFalse();
    }

    @Test
    void aReferredCaseWithoutItsPatientYetIsNotRemembered() {
        PatientCase c = PatientCase.draft(UUID.randomUUID(), "SO-2026-000003", null, Origin.CLINIC_REFERRAL, NOW);
        owners.remember(c);
        c.claimFor("patient3", NOW);

        // the claim is known to the database only: the check must read it there
        assertThat(owners.ownedBy(c.id, user("patient3", Roles.PATIENT))).isFalse();
        owners.remember(c);
        assertThat(owners.ownedBy(c.id, user("patient3", Roles.PATIENT))).isTrue();
    }

    /**
     * The newest cases, all of them: under intake load each case is read once, right after the 15 other clients'
     * creates. A frequency-based cache (Caffeine's W-TinyLFU, before) turns such once-read newcomers away once it is
     * full: 0.4-0.9 extra reads of the case per case at 860-900 cases/s (pg_stat_statements), 17-50 % misses when 16
     * threads replayed the pattern.
     */
    @Test
    void theNewestCasesAreRememberedAndOnlyTheOldestForgotten() {
        CurrentUser patient = user("patient1", Roles.PATIENT);
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i <= CaseOwners.REMEMBERED; i++) {
            PatientCase c = PatientCase.draft(UUID.randomUUID(), "SO-2026-" + i, "patient1", Origin.PATIENT, NOW);
            owners.remember(c);
            created.add(c.id);
        }

        assertThat(owners.ownedBy(created.get(0), patient)).isFalse();
        assertThat(created.subList(1, created.size())).allMatch(id -> owners.ownedBy(id, patient));
    }

    private static CurrentUser user(String subject, String role) {
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "sub".equals(claimName) ? (T) subject : null;
            }
        };
        return new CurrentUser(QuarkusSecurityIdentity.builder().setPrincipal(token).addRole(role).build(), token);
    }
}

package org.secondopinion.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * Finds a case for a caller in a given capacity, or answers 404 as if it did not exist (DESIGN §3). Every feature
 * of the case (records, messages, opinion, rating) goes through here, so the rules live in one place.
 */
@ApplicationScoped
public class CaseLookup {

    private final CaseRepository cases;

    public CaseLookup(CaseRepository cases) {
        this.cases = cases;
    }

    /** Anyone who may read it: the patient, the assigned specialist, coordinators. */
    public PatientCase readable(UUID id, CurrentUser user) {
        return find(id, c -> CaseAccess.canRead(c, user));
    }

    /** The patient whose case it is. */
    public PatientCase ownedBy(UUID id, CurrentUser user) {
        return find(id, c -> CaseAccess.isOwner(c, user));
    }

    /** The specialist the case is assigned to. */
    public PatientCase assignedTo(UUID id, CurrentUser user) {
        return find(id, c -> user.is(Roles.SPECIALIST) && c.isAssignedTo(user.id()));
    }

    private PatientCase find(UUID id, Predicate<PatientCase> allowed) {
        return cases.find(id).filter(allowed).orElseThrow(() -> new NotFoundProblem("case", id));
    }
}

package org.secondopinion.cases.casefile;

import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

/**
 * Who may see and change which case (DESIGN §3). Enforced here, in the owning service, whatever the gateway did.
 * A case the caller may not see is reported as not found.
 */
public final class CaseAccess {

    private CaseAccess() {
    }

    public static boolean canRead(PatientCase c, CurrentUser user) {
        return isOwner(c, user)
                || user.is(Roles.SPECIALIST) && c.isAssignedTo(user.id())
                || user.is(Roles.COORDINATOR);
    }

    /** Only the patient changes their own case. */
    public static boolean isOwner(PatientCase c, CurrentUser user) {
        return user.is(Roles.PATIENT) && user.id().equals(c.patientId);
    }
}

package org.secondopinion.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.ObjectVisibility;
import org.secondopinion.platform.security.Roles;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may see a case at all, for every operation under {@code /api/v1/cases/{id}} ({@code @ScopedTo("case")}):
 * those who may read it ({@link CaseAccess#canRead}), and admins, who read any case's access log. Asked before the
 * body is read, so a caller who may not see the case gets 404 whatever they send (DESIGN §3).
 */
@ApplicationScoped
public class CaseVisibility implements ObjectVisibility {

    public static final String CASE = "case";

    private final CaseRepository cases;
    private final CaseOwners owners;

    public CaseVisibility(CaseRepository cases, CaseOwners owners) {
        this.cases = cases;
        this.owners = owners;
    }

    @Override
    public String kind() {
        return CASE;
    }

    @Override
    public boolean visible(UUID id, CurrentUser user) {
        if (owners.ownedBy(id, user)) {
            return true;
        }
        Optional<PatientCase> found = cases.find(id);
        found.ifPresent(owners::remember);
        return found.filter(c -> CaseAccess.canRead(c, user) || user.is(Roles.ADMIN)).isPresent();
    }
}

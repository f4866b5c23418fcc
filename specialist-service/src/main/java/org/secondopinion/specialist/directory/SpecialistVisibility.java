package org.secondopinion.specialist.directory;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.ObjectVisibility;
import org.secondopinion.platform.security.Roles;

import java.util.UUID;

/**
 * Which specialists a caller may see, for the operations under {@code /api/v1/specialists/{id}}
 * ({@code @ScopedTo}): admins every one (they run the directory), everyone else the active ones, as the public
 * directory shows them. Asked before the request is judged, so adding a credential with an invalid body to a
 * specialist who does not exist is 404, not 400 (DESIGN §3). A specialist's own profile and availability are
 * under {@code /me}: there is no id of someone else's to name.
 */
@ApplicationScoped
public class SpecialistVisibility implements ObjectVisibility {

    public static final String SPECIALIST = "specialist";

    private final SpecialistRepository specialists;

    public SpecialistVisibility(SpecialistRepository specialists) {
        this.specialists = specialists;
    }

    @Override
    public String kind() {
        return SPECIALIST;
    }

    @Override
    public boolean visible(UUID id, CurrentUser user) {
        return specialists.statusOf(id)
                .filter(status -> status == SpecialistStatus.ACTIVE || user.is(Roles.ADMIN)).isPresent();
    }
}

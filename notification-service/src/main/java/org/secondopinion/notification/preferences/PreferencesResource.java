package org.secondopinion.notification.preferences;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.notification.preferences.PreferencesDtos.PreferencesRequest;
import org.secondopinion.notification.preferences.PreferencesDtos.PreferencesView;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

/** The caller's own notification preferences; the token's sub is the key, so there is no id to guess. */
@Path("/api/v1/notification-preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    private final PreferencesService preferences;
    private final CurrentUser user;

    public PreferencesResource(PreferencesService preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @GET
    public PreferencesView get() {
        return preferences.view(user.id());
    }

    @PUT
    public PreferencesView replace(@NotNull @Valid PreferencesRequest request) {
        return preferences.replace(user.id(), user.is(Roles.COORDINATOR), request);
    }
}

package org.secondopinion.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** The caller of the current request, as the validated OIDC access token says. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentUser(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The token's {@code sub}: the stable user (or clinic client) id every service keys on. */
    public String id() {
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            // everything a user owns is keyed on sub: a token without one is no caller we can serve (401, not 500);
            // StrictRequests refuses such tokens before any operation runs, this keeps non-REST callers honest
            throw new AuthenticationFailedException("the token names no subject (sub)");
        }
        return sub;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** The {@code clinic_id} claim of a partner clinic's client-credentials token. */
    public Optional<String> clinicId() {
        Object claim = token.getClaim("clinic_id");
        return Optional.ofNullable(claim).map(Object::toString);
    }

    /** The most privileged role the caller holds, for the audit trail. */
    public String primaryRole() {
        for (String role : new String[]{Roles.ADMIN, Roles.COORDINATOR, Roles.SPECIALIST, Roles.CLINIC, Roles.PATIENT}) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "none";
    }
}

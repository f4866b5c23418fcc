package org.secondopinion.gateway.edge;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.BiConsumer;

/**
 * Validates the bearer token with quarkus-oidc, on demand ({@code quarkus.http.auth.proactive=false}) so the
 * gateway decides the answer itself: a problem+json 401 instead of the framework's empty one. Authorization
 * (roles, object rules) stays in the services, which see the same token.
 */
@ApplicationScoped
public class EdgeAuthenticator {

    @Inject
    IdentityProviderManager identityProviderManager;

    /** The caller's identity; anonymous when no credentials came, a failure when the token is not valid. */
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx) {
        // Quarkus would answer a bad token itself (empty 401) through this hook; the caller of this method answers
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (context, failure) -> {
        });
        return QuarkusHttpUser.getSecurityIdentity(ctx, identityProviderManager);
    }
}

package org.secondopinion.gateway.edge;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Validates the bearer token with quarkus-oidc, on demand ({@code quarkus.http.auth.proactive=false}) so the
 * gateway decides the answer itself: a problem+json 401 instead of the framework's empty one. Authorization
 * (roles, object rules) stays in the services, which see the same token. A token verified once is remembered
 * until it expires ({@link VerifiedTokens}).
 */
@ApplicationScoped
public class EdgeAuthenticator {

    private static final String BEARER = "Bearer ";

    @Inject
    IdentityProviderManager identityProviderManager;

    private final VerifiedTokens verified = new VerifiedTokens(50_000, Duration.ofMinutes(5), System::nanoTime,
            () -> System.currentTimeMillis() / 1000);

    /** The caller's identity; anonymous when no credentials came, a failure when the token is not valid. */
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx) {
        String token = bearerToken(ctx.request().getHeader("Authorization"));
        if (token != null) {
            SecurityIdentity known = verified.get(token);
            if (known != null) {
                return Uni.createFrom().item(known);
            }
        }
        // Quarkus would answer a bad token itself (empty 401) through this hook; the caller of this method answers
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (context, failure) -> {
        });
        return QuarkusHttpUser.getSecurityIdentity(ctx, identityProviderManager).invoke(identity -> {
            if (token != null && identity != null && !identity.isAnonymous()
                    && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                verified.put(token, identity, jwt.getExpirationTime());
            }
        });
    }

    private static String bearerToken(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
    }
}

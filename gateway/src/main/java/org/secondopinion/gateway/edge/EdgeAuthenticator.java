package org.secondopinion.gateway.edge;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.secondopinion.gateway.limits.RateLimits;
import org.secondopinion.platform.security.VerifiedTokens;

import java.time.Clock;
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

    private final IdentityProviderManager identityProviderManager;
    private final VerifiedTokens verified;

    public EdgeAuthenticator(IdentityProviderManager identityProviderManager, Clock clock) {
        this.identityProviderManager = identityProviderManager;
        this.verified = new VerifiedTokens(50_000, Duration.ofMinutes(5), System::nanoTime,
                () -> clock.instant().getEpochSecond());
    }

    /**
     * The identity of a bearer token verified before and not yet expired, or null. The common case, answered on the
     * spot: no signature check, no {@link Uni} (and no context capture around it).
     */
    public SecurityIdentity alreadyVerified(RoutingContext ctx) {
        String token = VerifiedTokens.bearerToken(ctx.request().getHeader("Authorization"));
        return token == null ? null : verified.get(token);
    }

    /** The caller's identity; anonymous when no credentials came, a failure when the token is not valid. */
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx) {
        String token = VerifiedTokens.bearerToken(ctx.request().getHeader("Authorization"));
        // Quarkus would answer a bad token itself (empty 401) through this hook; the caller of this method answers
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (context, failure) -> {
        });
        return QuarkusHttpUser.getSecurityIdentity(ctx, identityProviderManager).map(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return identity;
            }
            // worked out once per token rather than on every request (reading a custom claim is not cheap)
            SecurityIdentity withKey = QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(RateLimits.CLIENT_KEY_ATTRIBUTE, RateLimits.clientKey(identity))
                    .build();
            if (token != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                verified.put(token, withKey, jwt.getExpirationTime());
            }
            return withKey;
        });
    }

}

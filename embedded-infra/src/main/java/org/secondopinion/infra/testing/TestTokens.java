package org.secondopinion.infra.testing;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

import java.util.Map;
import java.util.Set;

/**
 * Real signed RS256 access tokens from the OIDC test issuer ({@code quarkus-test-oidc-server}): the services
 * validate signature, issuer and expiry exactly as they do in production. Roles travel in {@code groups}.
 * The service's test config points {@code quarkus.oidc.auth-server-url} at {@code ${keycloak.url}/realms/quarkus}.
 * Every token is minted for the platform's audience ({@link #AUDIENCE}), which every service and the gateway require.
 */
public final class TestTokens {

    /** The audience the services require ({@code quarkus.oidc.token.audience}), as Keycloak's audience mapper puts it. */
    public static final String AUDIENCE = "second-opinion";

    private TestTokens() {
    }

    /** A token for user {@code sub} holding {@code roles}. */
    public static String of(String sub, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(sub, Set.of(roles), sub, "Bearer",
                Set.of(AUDIENCE), Map.of());
    }

    public static String patient(String sub) {
        return of(sub, "patient");
    }

    public static String specialist(String sub) {
        return of(sub, "specialist");
    }

    public static String coordinator(String sub) {
        return of(sub, "coordinator");
    }

    public static String admin(String sub) {
        return of(sub, "admin");
    }

    /** A partner clinic's client-credentials token with its {@code clinic_id} claim. */
    public static String clinic(String clientId, String clinicId) {
        return OidcWiremockTestResource.generateJwtToken(clientId, Set.of("clinic"), clientId, "Bearer",
                Set.of(AUDIENCE), Map.of("clinic_id", clinicId));
    }

    /** A token holding every platform role (and a {@code clinic_id}), for checks that must get past every role check. */
    public static String allRoles(String sub) {
        return OidcWiremockTestResource.generateJwtToken(sub,
                Set.of("patient", "specialist", "coordinator", "clinic", "admin"), sub, "Bearer",
                Set.of(AUDIENCE), Map.of("clinic_id", sub));
    }

    /** Validly signed by the test issuer for user {@code sub} with {@code roles}, but minted for another audience. */
    public static String forAudience(String audience, String sub, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(sub, Set.of(roles), sub, "Bearer", Set.of(audience),
                Map.of());
    }

    /** Validly signed by the test issuer, with {@code roles}, but no {@code sub} claim at all. */
    public static String withoutSubject(String userName, String... roles) {
        return Jwt.preferredUserName(userName).groups(Set.of(roles)).issuer(issuer())
                .audience(Set.of(AUDIENCE)).claim("sid", "session-id").claim("typ", "Bearer")
                .jws().keyId("1").sign("privateKey.jwk");
    }

    private static String issuer() {
        try {
            java.lang.reflect.Field field = OidcWiremockTestResource.class.getDeclaredField("TOKEN_ISSUER");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the OIDC test issuer's name", e);
        }
    }
}

package org.secondopinion.infra.testing;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

import java.util.Map;
import java.util.Set;

/**
 * Real signed RS256 access tokens from the OIDC test issuer ({@code quarkus-test-oidc-server}): the services
 * validate signature, issuer and expiry exactly as they do in production. Roles travel in {@code groups}.
 * The service's test config points {@code quarkus.oidc.auth-server-url} at {@code ${keycloak.url}/realms/quarkus}.
 * Every token is minted for the platform's audience ({@link #AUDIENCE}), which every service and the gateway require,
 * and names the client it was issued to ({@code azp}) as Keycloak's do: a token holding the {@code clinic} role the
 * partner clinic client {@link #CLINIC_CLIENT}, which the services accept by default ({@code so.security.clinic-clients}),
 * any other the users' client {@link #USER_CLIENT}.
 */
public final class TestTokens {

    /** The audience the services require ({@code quarkus.oidc.token.audience}), as Keycloak's audience mapper puts it. */
    public static final String AUDIENCE = "second-opinion";

    /** The client clinic tokens are issued to: a partner clinic's client of the realm and the local issuer. */
    public static final String CLINIC_CLIENT = "clinic1";

    /** The client users' tokens are issued to (the realm's and local issuer's public client for password grants). */
    public static final String USER_CLIENT = "second-opinion-cli";

    private TestTokens() {
    }

    /** A token for user {@code sub} holding {@code roles}. */
    public static String of(String sub, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(sub, Set.of(roles), sub, "Bearer",
                Set.of(AUDIENCE), Map.of("azp", Set.of(roles).contains("clinic") ? CLINIC_CLIENT : USER_CLIENT));
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

    /**
     * A partner clinic's client-credentials token with its {@code clinic_id} claim, for the service account
     * {@code clientId} (its {@code sub}), issued to {@link #CLINIC_CLIENT}.
     */
    public static String clinic(String clientId, String clinicId) {
        return clinicIssuedTo(CLINIC_CLIENT, clientId, clinicId);
    }

    /**
     * A token with the {@code clinic} role and a {@code clinic_id}, issued to client {@code azp} ({@code null}: a token
     * naming no client), for the service account {@code sub}.
     */
    public static String clinicIssuedTo(String azp, String sub, String clinicId) {
        Map<String, String> claims = new java.util.HashMap<>(Map.of("clinic_id", clinicId));
        if (azp != null) {
            claims.put("azp", azp);
        }
        return OidcWiremockTestResource.generateJwtToken(sub, Set.of("clinic"), sub, "Bearer", Set.of(AUDIENCE),
                claims);
    }

    /** A token holding every platform role (and a {@code clinic_id}), for checks that must get past every role check. */
    public static String allRoles(String sub) {
        return OidcWiremockTestResource.generateJwtToken(sub,
                Set.of("patient", "specialist", "coordinator", "clinic", "admin"), sub, "Bearer",
                Set.of(AUDIENCE), Map.of("clinic_id", sub, "azp", CLINIC_CLIENT));
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

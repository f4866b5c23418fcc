package org.secondopinion.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo identities of DESIGN §12 and the local issuer's configuration that issues their tokens. The same
 * identities exist in the Keycloak realm ({@code deploy/keycloak/second-opinion-realm.json}).
 */
public final class DemoIdentities {

    /** The issuer id: the path segment of the issuer URL, like the Keycloak realm name. */
    public static final String ISSUER_ID = "second-opinion";

    /** The public client used for password grants by the CLI, the tests and curl. */
    public static final String CLI_CLIENT_ID = "second-opinion-cli";

    /**
     * Audience put into every local token: the services and the gateway refuse tokens without it
     * ({@code quarkus.oidc.token.audience}); the Keycloak realm's audience mapper puts the same value in.
     */
    public static final String AUDIENCE = "second-opinion";

    /** Demo users (token {@code sub} = username) and their single role, in a stable order. */
    public static final Map<String, String> USERS = orderedMap(
            "patient1", "patient",
            "patient2", "patient",
            "specialist1", "specialist",
            "specialist2", "specialist",
            "coordinator1", "coordinator",
            "admin1", "admin");

    /**
     * Partner clinics: client id equals clinic id; they sign in with client credentials. Their tokens name the client
     * in {@code azp} as Keycloak's do, and the services take clinic calls only from these clients
     * ({@code so.security.clinic-clients}, which the local stack sets from this list).
     */
    public static final List<String> CLINICS = List.of("clinic1", "clinic2");

    public static final String CLINIC_ROLE = "clinic";

    /** Long enough for a demo session without re-fetching tokens; this issuer is for local use only. */
    static final long TOKEN_EXPIRY_SECONDS = 8 * 3600;

    private DemoIdentities() {
    }

    public static boolean isClinic(String name) {
        return CLINICS.contains(name);
    }

    public static boolean isKnown(String name) {
        return USERS.containsKey(name) || isClinic(name);
    }

    /** Every name {@link #isKnown} accepts, for help texts. */
    public static List<String> allNames() {
        List<String> names = new ArrayList<>(USERS.keySet());
        names.addAll(CLINICS);
        return names;
    }

    /**
     * mock-oauth2-server's JSON configuration: one request mapping per identity. Mappings are tried in order and
     * match on a form parameter of the token request: {@code username} for password grants, {@code client_id} for
     * the clinics' client-credentials grants (sent as form parameters, i.e. client_secret_post).
     */
    static String issuerConfigJson() {
        List<Map<String, Object>> mappings = new ArrayList<>();
        USERS.forEach((user, role) -> mappings.add(mapping("username", user,
                claims(user, role, Map.of("azp", CLI_CLIENT_ID)))));
        for (String clinic : CLINICS) {
            mappings.add(mapping("client_id", clinic, claims(clinic, CLINIC_ROLE,
                    Map.of("clinic_id", clinic, "azp", clinic))));
        }
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("issuerId", ISSUER_ID);
        callback.put("tokenExpiry", TOKEN_EXPIRY_SECONDS);
        callback.put("requestMappings", mappings);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("interactiveLogin", false);
        config.put("tokenCallbacks", List.of(callback));
        try {
            return new ObjectMapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> mapping(String requestParam, String match, Map<String, Object> claims) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("requestParam", requestParam);
        mapping.put("match", match);
        mapping.put("claims", claims);
        return mapping;
    }

    /**
     * Roles in both {@code groups} (what the tests' issuer uses) and {@code realm_access.roles} (Keycloak's shape);
     * {@code extra} adds the client the token is issued to ({@code azp}) and a clinic's {@code clinic_id}.
     */
    private static Map<String, Object> claims(String subject, String role, Map<String, Object> extra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("aud", List.of(AUDIENCE));
        claims.put("preferred_username", subject);
        claims.put("groups", List.of(role));
        claims.put("realm_access", Map.of("roles", List.of(role)));
        claims.putAll(extra);
        return claims;
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}

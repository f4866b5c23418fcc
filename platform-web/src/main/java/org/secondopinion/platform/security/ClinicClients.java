package org.secondopinion.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.problem.DomainException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OIDC clients a partner clinic's token may come from ({@code so.security.clinic-clients}, default
 * {@code clinic1,clinic2}: the clinic clients of the Keycloak realm, the local issuer and the test tokens). The
 * {@code clinic} role admits a caller only when the token's {@code azp} (the client it was issued to) is one of them:
 * in a realm every client can mint tokens with the platform's audience, and a user or client that was given the
 * role by mistake must not act as a clinic through, say, the CLI's public client.
 * <p>
 * The refusal is 403, not 401: the token is valid for the platform (signature, issuer, audience) and the caller is
 * known; what it lacks is the right to this operation, which another token from the same client would lack too
 * (RFC 6750 §3.1 answers "insufficient" rights with 403, a 401 would invite the client to authenticate again).
 */
@ApplicationScoped
public class ClinicClients {

    private final Set<String> allowed;

    public ClinicClients(@ConfigProperty(name = "so.security.clinic-clients", defaultValue = "clinic1,clinic2")
                         List<String> allowed) {
        this.allowed = new TreeSet<>(allowed.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** Whether a token issued to {@code azp} (its authorized party; {@code null} when it names none) may act as a clinic. */
    public boolean allows(String azp) {
        return azp != null && allowed.contains(azp);
    }

    /** Throws {@link NotAClinicClient} unless {@link #allows(String) allowed}. */
    public void check(String azp) {
        if (!allows(azp)) {
            throw new NotAClinicClient(azp);
        }
    }

    /** 403: a clinic operation called with a token issued to a client that is not a partner clinic's. */
    public static final class NotAClinicClient extends DomainException {
        NotAClinicClient(String azp) {
            super(403, "Forbidden", azp == null
                    ? "the token names no client (azp): clinic operations need a token of a partner clinic's client"
                    : "the token was issued to client " + azp + ", which is not a partner clinic's client");
        }
    }
}

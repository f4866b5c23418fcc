package org.secondopinion.platform.security;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    private long nanos = 0;
    private long epochSeconds = 1_000_000;
    private final VerifiedTokens tokens = new VerifiedTokens(2, Duration.ofMinutes(5), () -> nanos,
            () -> epochSeconds);
    private final SecurityIdentity patient = identity("patient1");

    @Test
    void verifiedTokenIsRememberedUntilItExpires() {
        tokens.put("t1", patient, epochSeconds + 60);

        nanos += Duration.ofSeconds(59).toNanos();
        assertThat(tokens.get("t1")).isSameAs(patient);
        nanos += Duration.ofSeconds(1).toNanos();
        assertThat(tokens.get("t1")).isNull();
    }

    @Test
    void longLivedTokensAreCheckedAgainAfterTheMaximumAge() {
        tokens.put("t1", patient, epochSeconds + 3600);

        nanos += Duration.ofMinutes(5).toNanos();
        assertThat(tokens.get("t1")).isNull();
    }

    @Test
    void expiredOrUnknownTokensAreNeverAnswered() {
        tokens.put("old", patient, epochSeconds - 1);

        assertThat(tokens.get("old")).isNull();
        assertThat(tokens.get("never-seen")).isNull();
    }

    @Test
    void staysWithinItsBound() {
        tokens.put("a", patient, epochSeconds + 60);
        tokens.put("b", patient, epochSeconds + 60);
        tokens.put("c", patient, epochSeconds + 60);

        assertThat(tokens.size()).isLessThanOrEqualTo(2);
        assertThat(tokens.get("c")).isSameAs(patient);
    }

    private static SecurityIdentity identity(String name) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole("patient").build();
    }
}

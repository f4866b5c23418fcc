package org.secondopinion.platform.security;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.DomainException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClinicClientsTest {

    private final ClinicClients clients = new ClinicClients(List.of("clinic1", " clinic2 ", ""));

    @Test
    void aTokenOfAClinicClientActsAsAClinic() {
        assertThat(clients.allows("clinic1")).isTrue();
        assertThat(clients.allows("clinic2")).isTrue();
    }

    @Test
    void aTokenOfAnyOtherClientOrOfNoneIsRefusedWith403NamingTheClient() {
        assertThat(clients.allows("second-opinion-cli")).isFalse();
        assertThat(clients.allows("")).isFalse();
        assertThat(clients.allows(null)).isFalse();
        assertThatThrownBy(() -> clients.check("second-opinion-cli")).isInstanceOf(DomainException.class)
                .hasMessageContaining("second-opinion-cli")
                .satisfies(e -> assertThat(((DomainException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> clients.check(null)).hasMessageContaining("names no client");
    }
}

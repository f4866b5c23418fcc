package org.secondopinion.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./stack up}'s flags, as a developer types them. */
class MainArgumentsTest {

    @Test
    void aBenchmarkDirectoryOfAHundredThousand() {
        LocalStack.Options options = Main.upOptions(List.of("--fresh", "--specialists", "100_000"));
        assertThat(options.fresh()).isTrue();
        assertThat(options.demoSpecialists()).hasValue(100_000);
    }

    @Test
    void keycloakReplacesTheLocalIssuerWithTheRealmOfTheRepository() {
        LocalStack.Options options = Main.upOptions(List.of("--keycloak"));
        assertThat(options.keycloak()).isTrue();
        assertThat(options.realmFile().toString()).endsWith("deploy/keycloak/second-opinion-realm.json");
        assertThat(Main.upOptions(List.of()).keycloak()).isFalse();
    }

    @Test
    void withoutFlagsTheServiceDefaultsStand() {
        LocalStack.Options options = Main.upOptions(List.of());
        assertThat(options.fresh()).isFalse();
        assertThat(options.demoSpecialists()).isEmpty();
    }

    @Test
    void nonsenseIsRefusedWithTheFlagNamed() {
        assertThatThrownBy(() -> Main.upOptions(List.of("--specialists", "lots")))
                .hasMessageContaining("--specialists");
        assertThatThrownBy(() -> Main.upOptions(List.of("--specialists", "-5"))).hasMessageContaining("--specialists");
        assertThatThrownBy(() -> Main.upOptions(List.of("--specialists"))).hasMessageContaining("--specialists");
        assertThatThrownBy(() -> Main.upOptions(List.of("--fast"))).hasMessageContaining("--fast");
    }
}

package org.secondopinion.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaultsAreTheIssuesConditions() {
        Options intake = Options.parse("intake");
        assertThat(intake.clients()).isEqualTo(16);
        assertThat(intake.attach()).isFalse();
        Options events = Options.parse("event-path");
        assertThat(events.rate()).isEqualTo(50.0);
        assertThat(events.seconds()).isEqualTo(120);
    }

    @Test
    void optionsOverrideDefaults() {
        Options o = Options.parse("pipeline", "--attach", "--rates", "20,40", "--seconds", "60");
        assertThat(o.attach()).isTrue();
        assertThat(o.rates()).isEqualTo(List.of(20.0, 40.0));
        assertThat(o.seconds()).isEqualTo(60);
    }

    @Test
    void theWarmUpsLimitIsNeverBelowItsMinimum() {
        assertThat(Options.parse("event-path").warmupMaxSeconds()).isGreaterThan(Options.parse("event-path").warmupSeconds());
        Options o = Options.parse("event-path", "--warmup", "600", "--warmup-max", "300");
        assertThat(o.warmupSeconds()).isEqualTo(600);
        assertThat(o.warmupMaxSeconds()).isEqualTo(600);
        assertThat(Options.parse("event-path", "--warmup-max", "900").warmupMaxSeconds()).isEqualTo(900);
    }

    @Test
    void unknownBenchmarksAndOptionsAreRefusedByName() {
        assertThatThrownBy(() -> Options.parse("speed")).hasMessageContaining("speed");
        assertThatThrownBy(() -> Options.parse("intake", "--fast")).hasMessageContaining("--fast");
    }
}

package org.secondopinion.infra;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SO_KAFKA_JVM_OPTIONS replaces the broker's heap and GC options, for measuring alternatives. */
class KafkaBrokerOptionsTest {

    @Test
    void theDefaultsAreASmallSerialHeapAndTheVariableReplacesThem() {
        List<String> defaults = new ArrayList<>(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"));
        defaults.addAll(NativeHeapTrim.options());
        assertThat(KafkaBroker.heapAndGcOptions(null)).containsExactlyElementsOf(defaults);
        assertThat(KafkaBroker.heapAndGcOptions("  ")).contains("-XX:+UseSerialGC");
        assertThat(KafkaBroker.heapAndGcOptions(" -Xmx512m  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "))
                .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }
}

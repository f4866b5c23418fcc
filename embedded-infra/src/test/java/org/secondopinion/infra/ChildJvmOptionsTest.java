package org.secondopinion.infra;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmOptionsTest {

    private static final List<String> DEFAULTS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    @Test
    void withoutReplacementTheDefaultsComeFirstThenTheNativeTrimWhereThisJdkHasIt() {
        List<String> expected = new ArrayList<>(DEFAULTS);
        expected.addAll(NativeHeapTrim.options());
        assertThat(ChildJvmOptions.replacedOrDefaults(null, DEFAULTS)).containsExactlyElementsOf(expected);
        assertThat(ChildJvmOptions.replacedOrDefaults(" \t ", DEFAULTS)).containsExactlyElementsOf(expected);
    }

    @Test
    void replacedOptionsAreTakenAloneSplitOnAnyWhiteSpace() {
        assertThat(ChildJvmOptions.replacedOrDefaults("  -Xmx512m \t -XX:+UseG1GC\n-XX:MaxGCPauseMillis=20 ", DEFAULTS))
                .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }
}

package org.secondopinion.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTest {

    @Test
    void findsTheJitCompilerThreadsOfAJvmAndTheirCpuTime() {
        long self = ProcessHandle.current().pid();
        Map<Long, Double> compilers = ProcStats.threadCpuSeconds(self, "CompilerThre");
        assertThat(compilers).as("HotSpot's C1/C2 compiler threads of this JVM").isNotEmpty();
        assertThat(compilers.keySet()).doesNotContain(self);
        assertThat(compilers.values()).allSatisfy(cpu -> assertThat(cpu).isGreaterThanOrEqualTo(0.0));
        assertThat(ProcStats.threadCpuSeconds(self, "no thread is named like this")).isEmpty();
    }

    @Test
    void aProcessThatIsGoneHasNoThreads() {
        assertThat(ProcStats.threadCpuSeconds(Long.MAX_VALUE, "CompilerThre")).isEmpty();
    }
}

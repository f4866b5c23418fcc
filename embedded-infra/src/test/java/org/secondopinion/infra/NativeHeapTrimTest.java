package org.secondopinion.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Child JVMs get the periodic native trim where the JDK has it, and still start where it has not. */
class NativeHeapTrimTest {

    @Test
    void aChildJvmStartsWithThePeriodicTrimWhereverThisJdkKnowsIt() throws Exception {
        String plainFlags = flagsOfAChildJvm(List.of());
        boolean jdkKnowsIt = plainFlags.matches("(?s).*\\s" + NativeHeapTrim.FLAG + "\\s.*");

        assertThat(NativeHeapTrim.options()).hasSize(jdkKnowsIt ? 1 : 0);
        // the child starts with whatever is offered, and runs with the interval set
        String flags = flagsOfAChildJvm(NativeHeapTrim.options());
        if (jdkKnowsIt) {
            assertThat(flags).containsPattern(NativeHeapTrim.FLAG + "\\s+= 5000\\s");
        }
    }

    private static String flagsOfAChildJvm(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable()));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        return output;
    }
}

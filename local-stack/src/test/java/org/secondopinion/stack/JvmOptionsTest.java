package org.secondopinion.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secondopinion.infra.NativeHeapTrim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {

    @Test
    void servicesRunWithSerialGcAndTheirOwnHeapCapUnlessTheOptionsAreReplaced(@TempDir Path app) throws Exception {
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");

        List<String> defaults = JvmOptions.forService(StackService.MATCHING, jar, false, null);
        assertThat(defaults).contains("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m");
        // a start without full collections: the first metaspace threshold above what a service's classes need
        assertThat(defaults).contains("-XX:MetaspaceSize=128m");
        // freed native memory given back, where the JDK can
        assertThat(defaults).containsAll(NativeHeapTrim.options());

        List<String> replaced = JvmOptions.forService(StackService.CASE, jar, false, " -XX:+UseG1GC  -Xmx512m ");
        assertThat(replaced).containsExactly("-XX:+UseG1GC", "-Xmx512m");
    }

    @Test
    void aWrittenArchiveIsMappedByLaterStartsWhateverTheHeapOptions(@TempDir Path app) throws Exception {
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        Path archive = JvmOptions.archiveOf(jar);

        assertThat(JvmOptions.forService(StackService.CASE, jar, true, null))
                .contains("-XX:ArchiveClassesAtExit=" + archive);
        Files.writeString(archive, "archive");
        assertThat(JvmOptions.forService(StackService.CASE, jar, true, "-XX:+UseG1GC"))
                .containsExactly("-XX:+UseG1GC", "-XX:SharedArchiveFile=" + archive);
    }
}

package org.secondopinion.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secondopinion.infra.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** A service that dies while starting is reported with the end of its log, which CI keeps only in its output. */
class ServiceProcessTest {

    @Test
    void aServiceThatExitsBeforeItIsReadyIsReportedWithTheEndOfItsLog(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a jar");
        Path log = dir.resolve("logs/case-service.log");
        ServiceProcess process = new ServiceProcess(StackService.CASE, jar, Ports.free(), Map.of(), log,
                dir.resolve("case-service.pid"), false);
        process.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isRunning());
            IllegalStateException failure = catchThrowableOfType(process::pollReady, IllegalStateException.class);

            assertThat(failure).hasMessageContaining("case-service exited with code 1 before it was ready")
                    .hasMessageContaining(log.toString())
                    // what the JVM printed when it gave up, read back from the log file
                    .hasMessageContaining("Invalid or corrupt jarfile");
        } finally {
            process.stop();
        }
    }

    @Test
    void theEndOfALongLogIsItsLastLinesWhole(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/case-service.log");
        Files.createDirectories(log.getParent());
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 50_000; line++) { // ~1.5 MB, far more than the part that is read
            text.append("line ").append(line).append(" of a service's log\n");
        }
        Files.writeString(log, text);
        ServiceProcess process = new ServiceProcess(StackService.CASE, dir.resolve("quarkus-run.jar"), Ports.free(),
                Map.of(), log, dir.resolve("case-service.pid"), false);

        assertThat(process.logTail(3).lines()).containsExactly("line 49998 of a service's log",
                "line 49999 of a service's log", "line 50000 of a service's log");
        assertThat(process.logTail(100_000).lines().findFirst()).get().asString()
                .as("a line cut where the read began is left out").matches("line \\d+ of a service's log");
    }

    @Test
    void theFirstInstanceOfABuildIsGivenTimeToWriteItsArchiveWhenItStops(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a jar");
        ServiceProcess first = process(jar, dir, true);
        ServiceProcess replica = process(jar, dir, false);
        try {
            first.start();
            replica.start();
            assertThat(first.isWritingArchive()).isTrue();
            assertThat(first.stopGrace()).isEqualTo(ServiceProcess.STOP_GRACE_WRITING_ARCHIVE)
                    .isGreaterThan(Duration.ofSeconds(20));
            // a replica only reads the archive: it stops within the usual grace
            assertThat(replica.isWritingArchive()).isFalse();
            assertThat(replica.stopGrace()).isEqualTo(Duration.ofSeconds(20));
        } finally {
            first.stop();
            replica.stop();
        }

        // once the archive exists, the next first instance maps it and has nothing to write
        Files.writeString(JvmOptions.archiveOf(jar), "archive");
        ServiceProcess later = process(jar, dir, true);
        try {
            later.start();
            assertThat(later.isWritingArchive()).isFalse();
        } finally {
            later.stop();
        }
    }

    private static ServiceProcess process(Path jar, Path dir, boolean mayWriteArchive) {
        return new ServiceProcess(StackService.CASE, jar, Ports.free(), Map.of(), dir.resolve("logs/case-service.log"),
                dir.resolve("case-service-" + mayWriteArchive + ".pid"), mayWriteArchive);
    }
}

package org.secondopinion.stack;

import org.secondopinion.infra.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Pid files in the data folder, so that processes left behind by a launcher killed with {@code kill -9} are found
 * and stopped on the next start. A pid is only trusted if the live process still looks like what we started
 * (pids are reused).
 */
final class PidFiles {

    private PidFiles() {
    }

    static void write(Path pidFile, long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(pid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process named by the pid file (first line) whose command line contains {@code marker}. */
    static Optional<ProcessHandle> live(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(first);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the stale process the pid file names, if any, and removes the file. */
    static void stopStale(Path pidFile, String marker, String what) {
        live(pidFile, marker).ifPresent(stale -> {
            System.err.println("stopping a stale " + what + " (pid " + stale.pid() + ") left by an earlier run");
            Processes.stop(stale, Duration.ofSeconds(20));
        });
        delete(pidFile);
    }

    static void delete(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a leftover pid file is harmless: it is checked against the live process next time
        }
    }
}

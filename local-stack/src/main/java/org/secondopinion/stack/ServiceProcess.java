package org.secondopinion.stack;

import org.secondopinion.infra.Processes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service running as a child JVM ({@code java -jar quarkus-run.jar}), its output appended to a log file. */
final class ServiceProcess {

    /** What {@link PidFiles} looks for in a stale process's command line. */
    static final String COMMAND_MARKER = "quarkus-run.jar";

    private static final int LOG_LINES_ON_FAILURE = 40;
    private static final int LOG_BYTES_ON_FAILURE = 64 * 1024;
    /** A service shuts down in a few seconds; 20 s is for one that hangs. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * A JVM writing its class-data archive at exit needs more: 25-40 s for the four Quarkus services writing theirs at
     * once on 2 cores (docs/PERFORMANCE.md). Killed at 20 s, it wrote none, and every later start paid for that.
     */
    static final Duration STOP_GRACE_WRITING_ARCHIVE = Duration.ofMinutes(3);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final StackService service;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path pidFile;
    private final boolean mayWriteArchive;
    private Process process;
    private boolean writingArchive;

    ServiceProcess(StackService service, Path jar, int port, Map<String, String> environment, Path logFile,
                   Path pidFile, boolean mayWriteArchive) {
        this.service = service;
        this.mayWriteArchive = mayWriteArchive;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable()));
        List<String> options = JvmOptions.forService(service, jar, mayWriteArchive);
        command.addAll(options);
        command.addAll(List.of("-Dquarkus.application.name=" + service.serviceName(), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        // two malloc arenas instead of one per core and thread: less native memory, no measurable cost here
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + service.serviceName() + " on port "
                    + port + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
            writingArchive = options.stream().anyMatch(o -> o.startsWith(JvmOptions.WRITE_ARCHIVE));
        } catch (IOException e) {
            throw new IllegalStateException(service.serviceName() + " could not be launched: " + e.getMessage(), e);
        }
        PidFiles.write(pidFile, process.pid());
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException naming the service and its log file if it exits or the deadline passes
     */
    void awaitReady(Instant deadline) {
        while (!pollReady()) {
            if (!Instant.now().isBefore(deadline)) {
                throw notReadyInTime();
            }
            pause();
        }
    }

    /**
     * One look at the service: ready or not yet.
     *
     * @throws IllegalStateException naming the service and its log file if the process has exited
     */
    boolean pollReady() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(service.serviceName() + " exited"
                    + (current == null ? "" : " with code " + current.exitValue())
                    + " before it was ready; see " + logFile + ", which ends:" + System.lineSeparator()
                    + logTail(LOG_LINES_ON_FAILURE));
        }
        return isReady();
    }

    /**
     * The last lines of the log file, so that a failure in CI, where the file is gone with the machine, says why. The
     * lines are the service's own log, which carries no PHI (DESIGN §3).
     */
    String logTail(int lines) {
        // the file grows across restarts of a local stack (tens of MB): read only its end
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            long size = channel.size();
            long start = Math.max(0, size - LOG_BYTES_ON_FAILURE);
            ByteBuffer end = ByteBuffer.allocate((int) (size - start));
            channel.position(start);
            while (end.hasRemaining() && channel.read(end) >= 0) {
                // until the buffer is full or the file ends
            }
            List<String> all = new String(end.array(), 0, end.position(), StandardCharsets.UTF_8).lines().toList();
            if (start > 0 && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut
            }
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + logFile + " could not be read: " + e.getMessage() + ")";
        }
    }

    IllegalStateException notReadyInTime() {
        return new IllegalStateException(service.serviceName() + " did not answer 200 on " + readyUrl()
                + " in time; see " + logFile + ", which ends:" + System.lineSeparator() + logTail(LOG_LINES_ON_FAILURE));
    }

    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(readyUrl())).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then a kill after the grace period (longer while it writes its archive); removes the pid file. */
    synchronized void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), stopGrace());
            process = null;
        }
        PidFiles.delete(pidFile);
    }

    /** SIGKILL, as a crash looks: no shutdown hooks, no drain. */
    synchronized void kill() {
        if (process != null) {
            Processes.kill(process);
            process = null;
        }
        PidFiles.delete(pidFile);
    }

    synchronized Duration stopGrace() {
        return writingArchive ? STOP_GRACE_WRITING_ARCHIVE : STOP_GRACE;
    }

    /** Started without an archive of this build, it writes one when it stops. */
    synchronized boolean isWritingArchive() {
        return process != null && writingArchive;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    StackService service() {
        return service;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private String readyUrl() {
        return baseUrl() + "/q/health/ready";
    }

    static void pause() {
        try {
            Thread.sleep(250); // polling a child process's health endpoint; there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

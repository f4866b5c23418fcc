package org.secondopinion.stack;

import org.secondopinion.infra.ChildJvmOptions;
import org.secondopinion.infra.NativeHeapTrim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the launcher runs a service's JVM: sized and tuned for a small machine running the whole system at once
 * (benchmarks/README.md and docs/PERFORMANCE.md have the figures behind each choice).
 * <ul>
 * <li>Serial GC, heap from 64 MB up to a per-service cap, given back after collections: G1 kept ~40 MB of its own
 * structures per JVM and, with the JVM's default initial heap (1/64 of the machine's memory), committed the whole
 * cap at start.</li>
 * <li>No full collections while starting: from 32 MB, each service's start had five stop-the-world full
 * collections (two at the default 21 MB metaspace threshold, three growing the old generation; 290–370 ms in all,
 * 300–800 ms each under load on a busy machine). An initial heap of 64 MB and a first metaspace threshold of 128 MB
 * (a service loads ~110 MB of class metadata) leave none, for ~10 MB more RSS (a larger young generation).</li>
 * <li>Class data sharing: the first run of a build writes an archive of every class the service loaded when it
 * stops ({@code -XX:ArchiveClassesAtExit}); later starts map it instead of loading and verifying those classes again
 * (about a third off each start). The archive is named after the build and the JVM, so a rebuilt service or another
 * JDK makes a new one.</li>
 * <li>Freed native memory goes back to the system ({@link NativeHeapTrim}): 11-26 MB less resident per service.</li>
 * </ul>
 * {@code SO_STACK_JVM_OPTIONS} replaces the heap and GC options (not the archive), for measuring alternatives.
 */
final class JvmOptions {

    static final String WRITE_ARCHIVE = "-XX:ArchiveClassesAtExit=";

    private JvmOptions() {
    }

    static List<String> forService(StackService service, Path jar, boolean mayWriteArchive) {
        return forService(service, jar, mayWriteArchive, System.getenv("SO_STACK_JVM_OPTIONS"));
    }

    static List<String> forService(StackService service, Path jar, boolean mayWriteArchive, String replaced) {
        List<String> options = new ArrayList<>(ChildJvmOptions.replacedOrDefaults(replaced, List.of(
                "-XX:+UseSerialGC", "-Xms" + Math.min(64, heapMegabytes(service)) + "m",
                "-Xmx" + heapMegabytes(service) + "m", "-XX:MetaspaceSize=128m",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError")));
        Path archive = archiveOf(jar);
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (mayWriteArchive) {
            deleteOldArchives(jar.getParent());
            options.add(WRITE_ARCHIVE + archive);
        }
        return options;
    }

    /** matching-service holds the whole specialist directory in memory for ranking (100 000 profiles: ~60 MB). */
    static int heapMegabytes(StackService service) {
        return switch (service) {
            case MATCHING -> 256;
            case GATEWAY -> 96;
            default -> 160;
        };
    }

    /** {@code stack-cds-<build and JVM fingerprint>.jsa} beside the service's jar. */
    static Path archiveOf(Path jar) {
        Path app = jar.getParent();
        StringBuilder identity = new StringBuilder(System.getProperty("java.vm.version", "?"));
        for (Path part : List.of(jar, app.resolve("quarkus").resolve("quarkus-application.dat"))) {
            try {
                identity.append('|').append(Files.size(part)).append('|').append(Files.getLastModifiedTime(part));
            } catch (IOException e) {
                identity.append("|missing");
            }
        }
        return app.resolve("stack-cds-" + Integer.toHexString(identity.toString().hashCode()) + ".jsa");
    }

    private static void deleteOldArchives(Path app) {
        try (Stream<Path> files = Files.list(app)) {
            files.filter(f -> f.getFileName().toString().matches("stack-cds-.*\\.jsa")).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // an old archive left behind costs disk only
                }
            });
        } catch (IOException e) {
            // nothing to clean
        }
    }
}

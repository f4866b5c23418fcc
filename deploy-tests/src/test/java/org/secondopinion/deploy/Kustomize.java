package org.secondopinion.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders overlays with a kustomize or kubectl binary when the machine has one; the tests over rendered output are
 * skipped otherwise. The prod overlay needs its gitignored secret files: rendering works on a copy of
 * deploy/kubernetes where they are made from the committed examples, exactly as the runbook tells operators.
 */
final class Kustomize {

    private static final Optional<List<String>> COMMAND = findCommand();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static boolean available() {
        return COMMAND.isPresent();
    }

    /** Rendered once per test JVM: the output only changes with the files. */
    static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::build);
    }

    private static Manifests build(String overlay) {
        List<String> command = new ArrayList<>(COMMAND.orElseThrow());
        Path copy = null;
        try {
            copy = Files.createTempDirectory("so-kustomize");
            copyTree(Repo.kubernetes(), copy);
            try (Stream<Path> examples = Files.walk(copy)) {
                for (Path example : (Iterable<Path>) examples.filter(p -> p.toString().endsWith(".env.example"))::iterator) {
                    String target = example.getFileName().toString().replace(".env.example", ".env");
                    Files.copy(example, example.resolveSibling(target));
                }
            }
            command.add(copy.resolve("overlays").resolve(overlay).toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kustomize build of " + overlay + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return Manifests.rendered("overlays/" + overlay, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(copy);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith(".env")) {
                    // an operator's real secret files never reach a test
                    Files.copy(source, target);
                }
            }
        }
    }

    private static Optional<List<String>> findCommand() {
        if (onPath("kustomize")) {
            return Optional.of(List.of("kustomize", "build"));
        }
        if (onPath("kubectl")) {
            return Optional.of(List.of("kubectl", "kustomize"));
        }
        return Optional.empty();
    }

    private static boolean onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, binary)));
    }
}

package org.secondopinion.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What Linux says about processes: resident memory and CPU time, from /proc. */
final class ProcStats {

    /** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private ProcStats() {
    }

    static Optional<Long> findJvm(String service, int port) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> read(p.resolve("cmdline")).contains("quarkus.application.name=" + service))
                    .filter(p -> read(p.resolve("environ")).contains("QUARKUS_HTTP_PORT=" + port))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Resident set size in MiB. */
    static double rssMib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** User + system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.isEmpty()) {
            return Double.NaN;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** A process's kind (service name, postgres, kafka, ...) and the CPU seconds it has used so far. */
    record Usage(String kind, double cpuSeconds) {
    }

    /** CPU seconds so far of every process on the machine, by pid. */
    static Map<Long, Usage> cpuByPid() {
        Map<Long, Usage> byPid = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                double cpu = cpuSeconds(pid);
                if (!Double.isNaN(cpu)) {
                    byPid.put(pid, new Usage(kindOf(read(p.resolve("cmdline"))), cpu));
                }
            });
        } catch (IOException e) {
            // nothing to report
        }
        return byPid;
    }

    static String kindOf(String cmd) {
        int at = cmd.indexOf("quarkus.application.name=");
        if (at >= 0) {
            String rest = cmd.substring(at + "quarkus.application.name=".length());
            return rest.split("[\\s\\x00]")[0];
        }
        if (cmd.contains("postgres")) {
            return "postgres";
        }
        if (cmd.contains("kafka.Kafka") || cmd.contains("KafkaRaftServer")) {
            return "kafka";
        }
        if (cmd.contains("org.secondopinion.bench")) {
            return "benchmark client";
        }
        if (cmd.contains("org.secondopinion.stack")) {
            return "launcher (issuer, mail)";
        }
        return OTHER;
    }

    /** Whatever else runs on the machine (not counted as the platform's). */
    static final String OTHER = "other processes on the machine";

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}

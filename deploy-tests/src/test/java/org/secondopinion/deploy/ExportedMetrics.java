package org.secondopinion.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the code exports at /q/metrics, as Prometheus sees them, and the metric names a PromQL expression
 * queries. A dashboard panel or an alert that names anything else shows "no data" or never fires, silently.
 * <p>
 * Exported: every Micrometer name registered in the services' and the gateway's code (a dotted string literal:
 * {@code offers.declined} becomes {@code offers_declined_total}, a timer {@code x.y} {@code x_y_seconds_bucket}
 * and so on), and the families a framework binder adds, each with the line of code or configuration that turns it on.
 */
final class ExportedMetrics {

    static final List<String> MODULES = List.of("case-service", "specialist-service", "matching-service",
            "notification-service", "platform-web", "platform-common", "gateway");

    /** Families exported by binders rather than by our own meters: prefix -> (file, text that turns it on). */
    static final Map<String, List<String>> FRAMEWORK_FAMILIES = Map.of(
            "kafka_consumer_", List.of("platform-common/src/main/java/org/secondopinion/platform/consumer/EventConsumer.java",
                    "new KafkaClientMetrics("),
            "http_server_requests_seconds", List.of("platform-common/src/main/resources/META-INF/microprofile-config.properties",
                    "quarkus.micrometer.binder.http-server.enabled=true"),
            "jvm_", List.of("platform-common/pom.xml", "quarkus-micrometer-registry-prometheus"),
            "process_", List.of("platform-common/pom.xml", "quarkus-micrometer-registry-prometheus"),
            "system_", List.of("platform-common/pom.xml", "quarkus-micrometer-registry-prometheus"));

    private static final Pattern MICROMETER_NAME = Pattern.compile("\"([a-z]+(?:\\.[a-z]+)+)\"");
    private static final List<String> SUFFIXES = List.of("_seconds_bucket", "_seconds_count", "_seconds_sum",
            "_seconds_max", "_seconds", "_total", "_bucket", "_count", "_sum", "_max");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");
    private static final Pattern COMMENT = Pattern.compile("#[^\n]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private ExportedMetrics() {
    }

    /** Micrometer names in the code, with dots turned into underscores ({@code offers_declined}). */
    static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            try (var files = Files.walk(Repo.root().resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = MICROMETER_NAME.matcher(Repo.read(file));
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** Whether Prometheus can see {@code metric} from this code: one of our meters, or a family a binder adds. */
    static boolean exported(String metric, Set<String> registered) {
        if (FRAMEWORK_FAMILIES.keySet().stream().anyMatch(metric::startsWith)) {
            return true;
        }
        if (registered.contains(metric)) {
            return true;
        }
        return SUFFIXES.stream().anyMatch(suffix -> metric.endsWith(suffix)
                && registered.contains(metric.substring(0, metric.length() - suffix.length())));
    }

    /**
     * The metric names (and recording-rule names) an expression selects: what is left once comments, strings, label
     * matchers, ranges and grouping label lists are taken out, without function names, keywords and numbers.
     * (Comments go first: a '#' inside a label value would cut the line short; none of ours has one.)
     */
    static Set<String> queriedBy(String expr) {
        String bare = COMMENT.matcher(expr).replaceAll("");
        bare = STRING.matcher(bare).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll("{}");
        bare = RANGE.matcher(bare).replaceAll("[]");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String name = m.group(1);
            if (!KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}

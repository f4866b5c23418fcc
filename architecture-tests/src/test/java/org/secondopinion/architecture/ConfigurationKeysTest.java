package org.secondopinion.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys the services' and the gateway's application.properties set (main and test resources) are the frameworks'
 * ({@code quarkus.}, {@code mp.}, {@code smallrye.}, {@code kafka.}) or ours under {@code so.}: the file-side half of
 * {@link ArchitectureRules#CONFIG_MAPPINGS_ARE_UNDER_SO} and {@code CONFIG_PROPERTIES_ARE_UNDER_SO}, which see
 * only the keys code maps or injects.
 */
class ConfigurationKeysTest {

    private static final List<String> MODULES = List.of("case-service", "specialist-service", "matching-service",
            "notification-service", "gateway", "platform-common", "platform-web");

    @Test
    void everyKeyOfOursStartsWithSo() {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            for (String resources : List.of("src/main/resources", "src/test/resources")) {
                Path file = root().resolve(module).resolve(resources).resolve("application.properties");
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        assertThat(files).as("application.properties files found under %s", root()).hasSizeGreaterThanOrEqualTo(5);
        List<String> strays = new ArrayList<>();
        for (Path file : files) {
            for (String key : load(file).stringPropertyNames()) {
                String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key; // %test.so.x -> so.x
                boolean allowed = name.startsWith(ArchitectureRules.OWN_PREFIX)
                        || ArchitectureRules.FRAMEWORK_PREFIXES.stream().anyMatch(name::startsWith);
                if (!allowed) {
                    strays.add(root().relativize(file) + ": " + key);
                }
            }
        }
        assertThat(strays).as("keys neither a framework's nor under so.").isEmpty();
    }

    private static Path root() {
        return Path.of(System.getProperty("so.repo.root", "..")).toAbsolutePath().normalize();
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

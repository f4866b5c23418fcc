package org.secondopinion.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository as the tests see it: the five services' own configuration is the truth the manifests must match. */
final class Repo {

    static final List<String> SERVICES =
            List.of("case-service", "specialist-service", "matching-service", "notification-service", "gateway");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{(SO_[A-Z0-9_]+)");

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("so.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    static Path applicationProperties(String service) {
        return root().resolve(service).resolve("src/main/resources/application.properties");
    }

    static Properties properties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties(service))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The SO_* environment variables a service's application.properties reads. */
    static Set<String> environmentVariables(String service) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_REFERENCE.matcher(read(applicationProperties(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Every topic a service consumes ({@code so.events.topics}) and the dead-letter topic of each
     * ({@code <topic>.<consumer>.dlq}, the consumer being the application name unless {@code so.events.consumer}).
     */
    static Set<String> topics(String service) {
        Properties p = properties(service);
        String consumer = p.getProperty("so.events.consumer", p.getProperty("quarkus.application.name")).trim();
        Set<String> topics = new TreeSet<>();
        for (String topic : p.getProperty("so.events.topics", "").split(",")) {
            if (!topic.isBlank()) {
                topics.add(topic.trim());
                topics.add(topic.trim() + "." + consumer + ".dlq");
            }
        }
        return topics;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

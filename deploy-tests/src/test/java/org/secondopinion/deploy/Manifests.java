package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A named set of Kubernetes objects: plain files (deploy/strimzi, deploy/cnpg), or a kustomization as Kustomize renders
 * it; {@code withSecrets} when the set holds the Secrets its Deployments read (an overlay generates them).
 */
record Manifests(String name, List<JsonNode> objects, boolean withSecrets) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every object in the YAML files under a directory, Kustomize's own files left out. */
    static Manifests files(String name, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<JsonNode> objects = new ArrayList<>();
            for (Path file : files.filter(Manifests::isManifestFile).sorted().collect(Collectors.toList())) {
                objects.addAll(parse(Repo.read(file)));
            }
            return new Manifests(name, objects, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parse(String yaml) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> objects = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first document as it is: a list stays a list (parse would take its elements for documents). */
    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isManifestFile(Path file) {
        String fileName = file.getFileName().toString();
        return (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) && !fileName.startsWith("kustomization.");
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).collect(Collectors.toList());
    }

    Optional<JsonNode> find(String kind, String objectName) {
        return ofKind(kind).stream().filter(o -> objectName.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
        return name;
    }
}

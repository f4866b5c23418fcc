package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a kustomization as {@code kustomize build} (or {@code kubectl kustomize}) does, for the part of Kustomize
 * that deploy/kubernetes uses, so that the checks over rendered overlays run on every machine: kustomize is a Go
 * binary, nothing on Maven Central runs it, and the README promises a JDK and Maven Central only. Operators keep
 * using the real kustomize; this class refuses every field and patch form it does not implement (KustomizeTest),
 * so it can fail where kustomize would work but never render something different from it.
 *
 * <p>Order as kustomize's: resources (a directory is built on its own first), components (their resources join,
 * their transformers see everything so far), secretGenerator, then patches, namespace, labels, images.
 * The prod overlay's secret files are gitignored: their committed {@code .example} files are read instead, as the
 * runbook makes them; an operator's real secret files are never read.
 */
final class Kustomize {

    static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "components",
            "namespace", "labels", "images", "generatorOptions", "secretGenerator", "patches");
    private static final Set<String> LABEL_FIELDS = Set.of("pairs", "includeSelectors", "includeTemplates");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> GENERATOR_OPTION_FIELDS = Set.of("disableNameSuffixHash", "labels");
    private static final Set<String> SECRET_FIELDS = Set.of("name", "type", "literals", "envs");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");
    /** Lists a strategic merge patch merges by key instead of replacing: not implemented, so refused. */
    private static final Set<String> MERGED_LISTS = Set.of("containers", "initContainers", "ephemeralContainers",
            "env", "envFrom", "volumes", "volumeMounts", "ports", "imagePullSecrets", "topologySpreadConstraints",
            "tolerations", "hostAliases", "finalizers", "ownerReferences");
    /** The namespace transformer leaves these alone (or rewrites subjects): none is expected here, so refused. */
    private static final Set<String> CLUSTER_SCOPED_OR_SPECIAL = Set.of("Namespace", "ClusterRole",
            "ClusterRoleBinding", "RoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
            "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "APIService");
    /** Kinds with a pod template besides Deployment: their template labels are not implemented, so refused. */
    private static final Set<String> OTHER_WORKLOADS = Set.of("StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "ReplicationController");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** A kustomization under deploy/kubernetes ("base", "overlays/prod"), rendered once per test JVM. */
    static Manifests render(String directory) {
        // an overlay generates the Secrets its Deployments read; the base leaves them to the overlays
        return RENDERED.computeIfAbsent(directory, d -> new Manifests(d,
                List.copyOf(build(Repo.kubernetes().resolve(d))), d.startsWith("overlays/")));
    }

    static List<ObjectNode> build(Path directory) {
        List<ObjectNode> resources = new ArrayList<>();
        accumulate(directory.normalize(), resources, "Kustomization");
        return resources;
    }

    private static void accumulate(Path dir, List<ObjectNode> resources, String expectedKind) {
        Path file = dir.resolve("kustomization.yaml");
        ObjectNode k = (ObjectNode) Manifests.parse(Repo.read(file)).get(0);
        onlyFields(k, KUSTOMIZATION_FIELDS, file);
        String kind = k.path("kind").asText("Kustomization");
        if (!kind.equals(expectedKind)) {
            throw unsupported(file, "a " + kind + " where a " + expectedKind + " is expected");
        }
        for (JsonNode entry : k.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (entry.asText().contains("://") || !Files.exists(path)) {
                throw unsupported(file, "resource " + entry.asText() + " (only local files and directories)");
            }
            List<ObjectNode> added = new ArrayList<>();
            if (Files.isDirectory(path)) {
                accumulate(path, added, "Kustomization");
            } else {
                Manifests.parse(Repo.read(path)).forEach(o -> added.add((ObjectNode) o.deepCopy()));
            }
            addAll(resources, added, file);
        }
        for (JsonNode entry : k.path("components")) {
            accumulate(dir.resolve(entry.asText()).normalize(), resources, "Component");
        }
        addAll(resources, secrets(k, dir, file), file);
        for (JsonNode patch : k.path("patches")) {
            patch(patch, dir, resources, file);
        }
        if (k.has("namespace")) {
            for (ObjectNode r : resources) {
                if (CLUSTER_SCOPED_OR_SPECIAL.contains(r.path("kind").asText())) {
                    throw unsupported(file, "namespace over a " + r.path("kind").asText());
                }
                metadata(r).put("namespace", k.path("namespace").asText());
            }
        }
        for (JsonNode labels : k.path("labels")) {
            labels(labels, resources, file);
        }
        for (JsonNode image : k.path("images")) {
            onlyFields(image, IMAGE_FIELDS, file);
            if (image.has("newTag") && image.has("digest")) {
                throw unsupported(file, "newTag and digest together");
            }
            resources.forEach(r -> images(r, image));
        }
    }

    private static void addAll(List<ObjectNode> resources, List<ObjectNode> added, Path file) {
        Set<String> ids = new HashSet<>();
        resources.forEach(r -> ids.add(id(r)));
        for (ObjectNode r : added) {
            if (!ids.add(id(r))) {
                throw new IllegalStateException(file + ": " + id(r) + " is defined twice (kustomize refuses it)");
            }
            resources.add(r);
        }
    }

    private static String id(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText() + "/" + Manifests.name(r);
    }

    private static List<ObjectNode> secrets(ObjectNode k, Path dir, Path file) {
        List<ObjectNode> secrets = new ArrayList<>();
        if (!k.has("secretGenerator")) {
            return secrets;
        }
        JsonNode options = k.path("generatorOptions");
        onlyFields(options, GENERATOR_OPTION_FIELDS, file);
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            // the hash suffix and the rewriting of every reference to it are not implemented
            throw unsupported(file, "secretGenerator without generatorOptions.disableNameSuffixHash: true");
        }
        for (JsonNode generator : k.path("secretGenerator")) {
            onlyFields(generator, SECRET_FIELDS, file);
            ObjectNode secret = Manifests.YAML.createObjectNode();
            secret.put("apiVersion", "v1").put("kind", "Secret");
            ObjectNode metadata = secret.putObject("metadata").put("name", generator.path("name").asText());
            if (options.has("labels")) {
                metadata.set("labels", options.path("labels").deepCopy());
            }
            secret.put("type", generator.path("type").asText("Opaque"));
            ObjectNode data = secret.putObject("data");
            List<String> pairs = new ArrayList<>();
            generator.path("literals").forEach(l -> pairs.add(l.asText()));
            for (JsonNode env : generator.path("envs")) {
                // never the operator's real file: the committed example the runbook copies it from
                for (String line : Repo.read(dir.resolve(env.asText() + ".example")).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        pairs.add(line);
                    }
                }
            }
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (eq <= 0 || value.startsWith("\"") || value.startsWith("'") || !value.equals(value.strip())) {
                    // no '=' reads the variable from the environment; quotes and spaces have rules of their own
                    throw unsupported(file, "secret entry '" + pair + "' (only key=plain value)");
                }
                data.put(pair.substring(0, eq),
                        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
            secrets.add(secret);
        }
        return secrets;
    }

    private static void patch(JsonNode entry, Path dir, List<ObjectNode> resources, Path file) {
        onlyFields(entry, PATCH_FIELDS, file);
        JsonNode target = entry.path("target");
        onlyFields(target, TARGET_FIELDS, file);
        String text = Repo.read(dir.resolve(entry.path("path").asText()));
        JsonNode first = Manifests.tree(text);
        if (first.isArray()) {
            // a list of operations is a JSON 6902 patch, anything else strategic merge (as kustomize tells them apart)
            if (target.isMissingNode()) {
                throw unsupported(file, "a JSON 6902 patch without target");
            }
            for (ObjectNode r : matching(resources, target, file)) {
                for (JsonNode op : first) {
                    json6902(r, op, file);
                }
            }
            return;
        }
        for (JsonNode doc : Manifests.parse(text)) {
            JsonNode by = target.isMissingNode() ? doc : target;
            String kind = by.path("kind").asText();
            String name = target.isMissingNode() ? Manifests.name(doc) : target.path("name").asText(null);
            ObjectNode select = Manifests.YAML.createObjectNode().put("kind", kind);
            if (name != null) {
                select.put("name", name);
            }
            for (ObjectNode r : matching(resources, select, file)) {
                merge(r, (ObjectNode) doc, "", file, true);
            }
        }
    }

    private static List<ObjectNode> matching(List<ObjectNode> resources, JsonNode target, Path file) {
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode r : resources) {
            if (r.path("kind").asText().equals(target.path("kind").asText())
                    && (!target.has("name") || Manifests.name(r).equals(target.path("name").asText()))) {
                matches.add(r);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalStateException(file + ": a patch matches nothing: " + target);
        }
        return matches;
    }

    /** Strategic merge: maps merge, null deletes, lists replace (the lists merged by key are refused). */
    private static void merge(ObjectNode into, ObjectNode patch, String path, Path file, boolean top) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw unsupported(file, "patch directive " + key);
            }
            if (top && (key.equals("apiVersion") || key.equals("kind"))) {
                continue;
            }
            if (path.equals("/metadata") && (key.equals("name") || key.equals("namespace"))) {
                continue; // identifies the target (or is ignored when the patch names one)
            }
            if (value.isNull()) {
                into.remove(key);
            } else if (value.isObject() && into.path(key).isObject()) {
                merge((ObjectNode) into.get(key), (ObjectNode) value, path + "/" + key, file, false);
            } else if (value.isArray() && MERGED_LISTS.contains(key) && into.has(key)) {
                throw unsupported(file, "strategic merge of the list " + path + "/" + key);
            } else {
                into.set(key, value.deepCopy());
            }
        }
    }

    private static void json6902(ObjectNode resource, JsonNode op, Path file) {
        String kind = op.path("op").asText();
        String[] tokens = op.path("path").asText().substring(1).split("/", -1);
        JsonNode parent = resource;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(token(tokens[i]))) : parent.path(token(tokens[i]));
        }
        String last = token(tokens[tokens.length - 1]);
        if (!op.path("path").asText().startsWith("/") || !(parent.isObject() || parent.isArray())) {
            throw new IllegalStateException(file + ": " + op + ": no such path in " + id(resource));
        }
        boolean exists = parent.isObject() ? parent.has(last)
                : !last.equals("-") && Integer.parseInt(last) < parent.size();
        switch (kind) {
            case "add":
                if (parent.isObject()) {
                    ((ObjectNode) parent).set(last, op.path("value").deepCopy());
                } else if (last.equals("-")) {
                    ((ArrayNode) parent).add(op.path("value").deepCopy());
                } else {
                    ((ArrayNode) parent).insert(Integer.parseInt(last), op.path("value").deepCopy());
                }
                break;
            case "replace":
            case "remove":
                if (!exists) {
                    throw new IllegalStateException(file + ": " + op + ": nothing at that path in " + id(resource));
                }
                if (parent.isObject()) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ArrayNode) parent).remove(Integer.parseInt(last));
                }
                if (kind.equals("replace")) {
                    if (parent.isObject()) {
                        ((ObjectNode) parent).set(last, op.path("value").deepCopy());
                    } else {
                        ((ArrayNode) parent).insert(Integer.parseInt(last), op.path("value").deepCopy());
                    }
                }
                break;
            default:
                throw unsupported(file, "JSON 6902 op " + kind);
        }
    }

    private static String token(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static void labels(JsonNode entry, List<ObjectNode> resources, Path file) {
        onlyFields(entry, LABEL_FIELDS, file);
        if (entry.path("includeSelectors").asBoolean(false)) {
            throw unsupported(file, "labels with includeSelectors: true");
        }
        boolean templates = entry.path("includeTemplates").asBoolean(false);
        for (ObjectNode r : resources) {
            if (templates && OTHER_WORKLOADS.contains(r.path("kind").asText())) {
                throw unsupported(file, "labels includeTemplates over a " + r.path("kind").asText());
            }
            List<ObjectNode> targets = new ArrayList<>(List.of(metadata(r)));
            if (templates && r.path("kind").asText().equals("Deployment")) {
                targets.add(metadata((ObjectNode) r.path("spec").path("template")));
            }
            for (ObjectNode metadata : targets) {
                ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels")
                        : metadata.putObject("labels");
                entry.path("pairs").fields().forEachRemaining(p -> labels.put(p.getKey(), p.getValue().asText()));
            }
        }
    }

    /** Every container image anywhere in the object (pod specs, templates) whose name the entry names. */
    private static void images(JsonNode node, JsonNode entry) {
        for (JsonNode child : node) {
            images(child, entry);
        }
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : node.path(list)) {
                String ref = container.path("image").asText();
                int slash = ref.lastIndexOf('/');
                int at = ref.indexOf('@');
                int colon = ref.indexOf(':', slash + 1);
                int end = at >= 0 ? at : colon >= 0 ? colon : ref.length();
                if (!ref.substring(0, end).equals(entry.path("name").asText())) {
                    continue;
                }
                String tail = ref.substring(end);
                String name = entry.path("newName").asText(ref.substring(0, end));
                if (entry.has("newTag")) {
                    tail = ":" + entry.path("newTag").asText();
                } else if (entry.has("digest")) {
                    tail = "@" + entry.path("digest").asText();
                }
                ((ObjectNode) container).put("image", name + tail);
            }
        }
    }

    private static ObjectNode metadata(ObjectNode r) {
        return r.has("metadata") ? (ObjectNode) r.get("metadata") : r.putObject("metadata");
    }

    private static void onlyFields(JsonNode node, Set<String> known, Path file) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw unsupported(file, "field " + f);
            }
        });
    }

    private static UnsupportedOperationException unsupported(Path file, String what) {
        return new UnsupportedOperationException(Repo.root().relativize(file.toAbsolutePath()) + ": " + what
                + " is not implemented by the renderer of deploy-tests (Kustomize.java): implement it there, "
                + "keeping kustomize's behaviour, or do without it");
    }
}

package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants every manifest set must keep: the base and each overlay as Kustomize renders them (Kustomize.java,
 * on every machine).
 */
class DeploymentManifestsTest {

    static Stream<Manifests> manifestSets() {
        return Stream.of("base", "overlays/dev", "overlays/prod").map(Kustomize::render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void everyServiceHasADeploymentServiceAutoscalerAndDisruptionBudget(Manifests set) {
        for (String service : Repo.SERVICES) {
            assertThat(set.find("Deployment", service)).as("%s: Deployment %s", set, service).isPresent();
            assertThat(set.find("Service", service)).as("%s: Service %s", set, service).isPresent();
            assertThat(set.find("ConfigMap", service + "-config")).as("%s: ConfigMap of %s", set, service).isPresent();
        }
        for (JsonNode deployment : set.ofKind("Deployment")) {
            String name = Manifests.name(deployment);
            Map<String, String> podLabels = labels(deployment.path("spec").path("template").path("metadata"));

            List<JsonNode> hpas = set.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                            && h.path("spec").path("scaleTargetRef").path("name").asText().equals(name))
                    .collect(Collectors.toList());
            assertThat(hpas).as("%s: one HPA scales %s", set, name).hasSize(1);
            JsonNode hpa = hpas.get(0).path("spec");
            assertThat(hpa.path("minReplicas").asInt()).as("%s: HPA of %s minReplicas", set, name).isPositive();
            assertThat(hpa.path("maxReplicas").asInt()).as("%s: HPA of %s maxReplicas", set, name)
                    .isGreaterThanOrEqualTo(hpa.path("minReplicas").asInt());
            assertThat(deployment.path("spec").has("replicas"))
                    .as("%s: %s leaves the replica count to its HPA", set, name).isFalse();

            long budgets = set.ofKind("PodDisruptionBudget").stream()
                    .filter(pdb -> selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels))
                    .count();
            assertThat(budgets).as("%s: one PodDisruptionBudget covers %s", set, name).isEqualTo(1);
        }
    }

    /**
     * The image gives the heap a share of the container's memory limit ({@code JAVA_MAX_MEM_RATIO} in each
     * Dockerfile.jvm, overridden by the service's ConfigMap); the rest must hold what a service needs beside its heap, measured under load
     * (docs/PERFORMANCE.md: metaspace and class space ~90 MiB, code cache, threads, buffers: ~200 MiB), or the
     * kernel kills the pod before the JVM's own limits are reached. The request must not ask for more than the limit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void memoryLimitsLeaveRoomBesideTheHeapTheImageSizesFromThem(Manifests set) {
        for (String service : Repo.SERVICES) {
            String dockerfile = Repo.read(Repo.root().resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            java.util.regex.Matcher ratio = java.util.regex.Pattern.compile("(?m)^ENV JAVA_MAX_MEM_RATIO=(\\d+)\\s*$")
                    .matcher(dockerfile);
            assertThat(ratio.find()).as("%s Dockerfile.jvm sets JAVA_MAX_MEM_RATIO", service).isTrue();
            assertThat(dockerfile).as("%s Dockerfile.jvm chooses its GC", service).contains("GC_CONTAINER_OPTIONS=");
            assertThat(dockerfile).as("%s Dockerfile.jvm gives freed native memory back", service)
                    .containsPattern("GC_CONTAINER_OPTIONS=\"[^\"]*-XX:TrimNativeHeapInterval=\\d+");
            // the pod's environment (its ConfigMap) overrides the image's default
            String configured = set.find("ConfigMap", service + "-config")
                    .map(map -> map.path("data").path("JAVA_MAX_MEM_RATIO").asText(""))
                    .orElse("");
            int heapPercent = Integer.parseInt(configured.isEmpty() ? ratio.group(1) : configured);

            JsonNode container = set.find("Deployment", service).orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            long limit = mebibytes(container.path("resources").path("limits").path("memory").asText());
            long request = mebibytes(container.path("resources").path("requests").path("memory").asText());
            long heap = limit * heapPercent / 100;
            assertThat(heap).as("%s: heap of %d MiB from a %d MiB limit", service, heap, limit)
                    .isGreaterThanOrEqualTo(96);
            assertThat(limit - heap).as("%s: room beside the heap in a %d MiB limit", service, limit)
                    .isGreaterThanOrEqualTo(224);
            assertThat(request).as("%s: memory request within its limit", service).isLessThanOrEqualTo(limit);
        }
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new IllegalArgumentException("memory quantity in Mi or Gi expected: " + quantity);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void everyContainerIsProbedLimitedAndLockedDown(Manifests set) {
        for (JsonNode deployment : set.ofKind("Deployment")) {
            String name = Manifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("containers").size()).as("%s: %s has containers", set, name).isPositive();
            for (JsonNode container : pod.path("containers")) {
                String where = set + ": " + name + "/" + container.path("name").asText();
                assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                        .as(where + " startup probe").isEqualTo("/q/health/started");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                        .as(where + " liveness probe").isEqualTo("/q/health/live");
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                        .as(where + " readiness probe").isEqualTo("/q/health/ready");

                for (String kind : List.of("requests", "limits")) {
                    JsonNode resources = container.path("resources").path(kind);
                    assertThat(resources.hasNonNull("cpu") && resources.hasNonNull("memory"))
                            .as(where + " has cpu and memory " + kind).isTrue();
                }

                JsonNode security = container.path("securityContext");
                boolean nonRoot = security.path("runAsNonRoot").asBoolean(false)
                        || pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
                assertThat(nonRoot).as(where + " runAsNonRoot").isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                        .as(where + " readOnlyRootFilesystem").isTrue();
                assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                        && !security.path("allowPrivilegeEscalation").asBoolean())
                        .as(where + " allowPrivilegeEscalation false").isTrue();
                assertThat(texts(security.path("capabilities").path("drop")))
                        .as(where + " drops all capabilities").contains("ALL");

                assertThat(writableTmp(pod, container)).as(where + " has an emptyDir on /tmp").isTrue();
            }
        }
    }

    /**
     * Static consumer-group membership (issue 19): every consuming service names its consumer after the pod, so a
     * container restarted in place takes its partitions back at once instead of after the session timeout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void consumersJoinTheirGroupUnderThePodName(Manifests set) {
        for (String service : List.of("case-service", "specialist-service", "matching-service", "notification-service")) {
            JsonNode deployment = set.find("Deployment", service).orElseThrow();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            List<String> fromPodName = new ArrayList<>();
            for (JsonNode env : container.path("env")) {
                if (env.path("valueFrom").path("fieldRef").path("fieldPath").asText().equals("metadata.name")) {
                    fromPodName.add(env.path("name").asText());
                }
            }
            assertThat(fromPodName).as(set + ": " + service + " consumer instance id").contains("SO_EVENTS_INSTANCE_ID");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void everyEnvironmentVariableComesFromAConfigMapOrSecret(Manifests set) {
        for (JsonNode deployment : set.ofKind("Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String where = set + ": " + Manifests.name(deployment) + "/" + container.path("name").asText();
                for (JsonNode env : container.path("env")) {
                    JsonNode from = env.path("valueFrom");
                    // the downward API's pod name is the pod's identity, not configuration
                    boolean podName = from.path("fieldRef").path("fieldPath").asText().equals("metadata.name");
                    boolean referenced = from.has("configMapKeyRef") || from.has("secretKeyRef") || podName;
                    assertThat(referenced).as(where + " env " + env.path("name").asText()
                            + " is read from a ConfigMap or Secret, not written inline").isTrue();
                    if (from.has("configMapKeyRef")) {
                        assertThat(set.find("ConfigMap", from.path("configMapKeyRef").path("name").asText()))
                                .as(where + " env " + env.path("name").asText() + ": ConfigMap exists").isPresent();
                    }
                    if (set.withSecrets() && from.has("secretKeyRef")) {
                        JsonNode ref = from.path("secretKeyRef");
                        assertThat(set.find("Secret", ref.path("name").asText()))
                                .as(where + " env " + env.path("name").asText() + ": Secret exists")
                                .hasValueSatisfying(secret -> assertThat(
                                        secret.path("data").has(ref.path("key").asText())
                                                || secret.path("stringData").has(ref.path("key").asText()))
                                        .as("Secret %s has key %s", ref.path("name").asText(), ref.path("key").asText())
                                        .isTrue());
                    }
                }
                for (JsonNode source : container.path("envFrom")) {
                    assertThat(source.has("configMapRef") || source.has("secretRef")).as(where + " envFrom").isTrue();
                    if (source.has("configMapRef")) {
                        assertThat(set.find("ConfigMap", source.path("configMapRef").path("name").asText()))
                                .as(where + " envFrom ConfigMap exists").isPresent();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void everyServiceSelectsTheLabelsOfADeploymentAndANamedPort(Manifests set) {
        for (JsonNode service : set.ofKind("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            assertThat(selector.size()).as("%s: Service %s has a selector", set, Manifests.name(service)).isPositive();
            List<JsonNode> selected = set.ofKind("Deployment").stream()
                    .filter(d -> selects(selector, labels(d.path("spec").path("template").path("metadata"))))
                    .collect(Collectors.toList());
            assertThat(selected).as("%s: Service %s selects exactly one Deployment", set, Manifests.name(service))
                    .hasSize(1);
            Set<String> containerPorts = new HashSet<>();
            selected.get(0).path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("ports").forEach(p -> containerPorts.add(p.path("name").asText())));
            for (JsonNode port : service.path("spec").path("ports")) {
                assertThat(containerPorts).as("%s: Service %s targets a named container port", set,
                        Manifests.name(service)).contains(port.path("targetPort").asText());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestSets")
    void theIngressRoutesOnlyToTheGateway(Manifests set) {
        List<JsonNode> ingresses = set.ofKind("Ingress");
        assertThat(ingresses).as("%s: one Ingress", set).hasSize(1);
        List<String> backends = new ArrayList<>();
        ingresses.get(0).path("spec").path("rules")
                .forEach(rule -> rule.path("http").path("paths")
                        .forEach(path -> backends.add(path.path("backend").path("service").path("name").asText())));
        assertThat(backends).as("%s: Ingress backends", set).isNotEmpty().containsOnly("gateway");
        assertThat(set.find("Service", "gateway")).isPresent();
    }

    @Test
    void prodServiceMonitorsScrapeTheMetricsEndpointOfEveryService() {
        Manifests prod = Kustomize.render("overlays/prod");
        List<JsonNode> monitors = prod.ofKind("ServiceMonitor");
        assertThat(monitors).hasSameSizeAs(prod.ofKind("Service"));
        for (JsonNode monitor : monitors) {
            JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
            assertThat(prod.ofKind("Service").stream().filter(s -> selects(selector, labels(s.path("metadata")))))
                    .as("ServiceMonitor %s selects one Service", Manifests.name(monitor)).hasSize(1);
            assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        }
    }

    @Test
    void containersListenOnThePortOfTheirApplicationProperties() {
        Manifests base = Kustomize.render("base");
        for (String service : Repo.SERVICES) {
            int port = Integer.parseInt(Repo.properties(service).getProperty("quarkus.http.port"));
            JsonNode container = base.find("Deployment", service).orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(service).isEqualTo(port);
        }
    }

    @Test
    void everyVariableAServiceReadsIsSuppliedToItsDeployment() {
        Manifests base = Kustomize.render("base");
        for (String service : Repo.SERVICES) {
            JsonNode container = base.find("Deployment", service).orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            Set<String> supplied = new HashSet<>();
            container.path("env").forEach(env -> supplied.add(env.path("name").asText()));
            for (JsonNode source : container.path("envFrom")) {
                base.find("ConfigMap", source.path("configMapRef").path("name").asText())
                        .ifPresent(cm -> cm.path("data").fieldNames().forEachRemaining(supplied::add));
            }
            assertThat(supplied).as("%s: variables of application.properties set in Kubernetes", service)
                    .containsAll(Repo.environmentVariables(service));
        }
    }

    @Test
    void prodRunsReleasedImagesNeverLatest() {
        JsonNode kustomization = Manifests.parse(
                Repo.read(Repo.kubernetes().resolve("overlays/prod/kustomization.yaml"))).get(0);
        Map<String, JsonNode> images = new HashMap<>();
        kustomization.path("images").forEach(i -> images.put(i.path("name").asText(), i));
        for (String service : Repo.SERVICES) {
            JsonNode image = images.get("second-opinion/" + service);
            assertThat(image).as("prod pins the image of %s", service).isNotNull();
            String tag = image.path("newTag").asText("");
            assertThat(!tag.isEmpty() && !tag.equals("latest") || image.hasNonNull("digest"))
                    .as("prod image of %s has a release tag or digest", service).isTrue();
        }
        for (JsonNode deployment : Kustomize.render("overlays/prod").ofKind("Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String ref = container.path("image").asText();
                String lastPart = ref.substring(ref.lastIndexOf('/') + 1);
                assertThat(lastPart.contains(":") || ref.contains("@sha256:"))
                        .as("rendered prod image %s has a tag", ref).isTrue();
                assertThat(ref).as("rendered prod image").doesNotEndWith(":latest");
            }
        }
    }

    @Test
    void renderedObjectsCarryTheCommonLabels() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            Manifests set = Kustomize.render(overlay);
            for (JsonNode object : set.objects()) {
                assertThat(labels(object.path("metadata")))
                        .as("%s: %s %s labels", set, object.path("kind").asText(), Manifests.name(object))
                        .containsEntry("app.kubernetes.io/part-of", "second-opinion");
                assertThat(object.path("metadata").path("namespace").asText())
                        .as("%s: %s namespace", set, Manifests.name(object)).isNotEmpty();
            }
        }
    }

    private static boolean writableTmp(JsonNode pod, JsonNode container) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                String volume = mount.path("name").asText();
                for (JsonNode v : pod.path("volumes")) {
                    if (v.path("name").asText().equals(volume) && v.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static Map<String, String> labels(JsonNode metadata) {
        Map<String, String> labels = new HashMap<>();
        metadata.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}

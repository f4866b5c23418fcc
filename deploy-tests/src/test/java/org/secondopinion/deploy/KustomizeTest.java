package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renderer of the deploy tests (Kustomize.java) stands in for kustomize: every kustomization in deploy/ must use
 * only what it implements, and what it does not implement must stop it rather than render something else.
 */
class KustomizeTest {

    @Test
    void everyKustomizationInDeployUsesOnlyWhatTheRendererImplements() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(Repo.root().resolve("deploy"))) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .collect(Collectors.toList());
        }
        assertThat(kustomizations).hasSizeGreaterThan(8);
        for (Path file : kustomizations) {
            // components are rendered through the overlays that include them
            if (!Repo.read(file).contains("kind: Component")) {
                assertThat(Kustomize.build(file.getParent())).as("%s renders objects", file).isNotEmpty();
            }
        }
    }

    @Test
    void aFieldTheRendererDoesNotKnowStopsIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\nreplicas:\n  - name: x\n    count: 2\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        assertThatThrownBy(() -> Kustomize.build(dir))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("field replicas");
    }

    @Test
    void aStrategicMergeOfAListKustomizeMergesByKeyStopsIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [d.yaml]\npatches:\n  - path: p.yaml\n");
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: x\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: y\n");
        assertThatThrownBy(() -> Kustomize.build(dir))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("containers");
    }

    /**
     * The shared defaults are added to every Deployment and would silently replace a service's own value at the same
     * place: a service's deployment.yaml leaves those places to them.
     */
    @Test
    void noServiceDeploymentSetsWhatTheSharedDefaultsSet() {
        JsonNode defaults = Manifests.tree(Repo.read(Repo.kubernetes().resolve("base/deployment-defaults.yaml")));
        for (String service : Repo.SERVICES) {
            JsonNode deployment = Manifests.parse(
                    Repo.read(Repo.kubernetes().resolve("base").resolve(service).resolve("deployment.yaml"))).get(0);
            for (JsonNode op : defaults) {
                assertThat(deployment.at(op.path("path").asText()).isMissingNode())
                        .as("%s/deployment.yaml sets %s, which deployment-defaults.yaml sets for every service",
                                service, op.path("path").asText())
                        .isTrue();
            }
        }
    }
}

package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Strimzi topics cover every topic the services consume and each consumer's dead-letter topic. */
class KafkaTopicsTest {

    private final Manifests strimzi = Manifests.files("strimzi", Repo.root().resolve("deploy/strimzi"));

    private Map<String, JsonNode> topicsByName() {
        return strimzi.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                t -> t.path("spec").path("topicName").asText(Manifests.name(t)), Function.identity()));
    }

    @Test
    void everyTopicAndDeadLetterTopicOfTheServicesExists() {
        Set<String> named = new TreeSet<>();
        Repo.SERVICES.forEach(service -> named.addAll(Repo.topics(service)));
        // the outbox relay publishes to these three without a channel of its own
        named.addAll(Set.of("case-events", "matching-events", "specialist-events"));

        assertThat(named).as("the services name dead-letter topics").anyMatch(t -> t.endsWith(".dlq"));
        assertThat(topicsByName().keySet()).containsAll(named);
    }

    @Test
    void specialistSnapshotsAreCompactedAndEventTopicsAreNot() {
        Map<String, JsonNode> topics = topicsByName();
        assertThat(topics.get("specialist-events").path("spec").path("config").path("cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(topics.get("case-events").path("spec").path("config").path("cleanup.policy").asText("delete"))
                .isEqualTo("delete");
    }

    @Test
    void topicsBelongToTheClusterAndAreReplicated() {
        for (JsonNode topic : strimzi.ofKind("KafkaTopic")) {
            String name = Manifests.name(topic);
            assertThat(DeploymentManifestsTest.labels(topic.path("metadata")))
                    .as("%s names its Strimzi cluster", name).containsKey("strimzi.io/cluster");
            assertThat(topic.path("spec").path("replicas").asInt()).as("%s replicas", name).isGreaterThanOrEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt())
                    .as("%s min.insync.replicas", name).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everyServiceDatabaseHasACloudNativePgDatabaseOwnedByItsRole() {
        Manifests cnpg = Manifests.files("cnpg", Repo.root().resolve("deploy/cnpg"));
        Manifests base = Kustomize.render("base");
        JsonNode cluster = cnpg.ofKind("Cluster").get(0);
        Set<String> roleSecrets = new TreeSet<>();
        cluster.path("spec").path("managed").path("roles")
                .forEach(r -> roleSecrets.add(r.path("passwordSecret").path("name").asText()));
        Set<String> databases = new TreeSet<>();
        cnpg.ofKind("Database").forEach(d -> {
            databases.add(d.path("spec").path("name").asText());
            assertThat(d.path("spec").path("cluster").path("name").asText()).isEqualTo(Manifests.name(cluster));
        });
        for (String service : Repo.SERVICES) {
            String url = Repo.properties(service).getProperty("quarkus.datasource.jdbc.url");
            if (url == null) {
                continue;
            }
            String database = url.substring(url.lastIndexOf('/') + 1).replace("}", "");
            assertThat(databases).as("database of %s", service).contains(database);
            assertThat(roleSecrets).as("role secret of %s", service).contains(service + "-db");
            String configured = base.find("ConfigMap", service + "-config").orElseThrow()
                    .path("data").path("SO_DB_URL").asText();
            assertThat(configured).as("%s connects to the cluster's read-write service", service)
                    .isEqualTo("jdbc:postgresql://" + Manifests.name(cluster) + "-rw:5432/" + database);
        }
    }
}

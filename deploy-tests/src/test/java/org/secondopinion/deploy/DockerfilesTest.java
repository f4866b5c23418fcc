package org.secondopinion.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service ships a JVM-mode image the Quarkus way, running as a non-root user on its own port. */
class DockerfilesTest {

    @Test
    void everyServiceHasANonRootJvmDockerfileCopyingQuarkusApp() {
        for (String service : Repo.SERVICES) {
            Path dockerfile = Repo.root().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).as("%s Dockerfile.jvm", service).exists();
            List<String> instructions = Repo.read(dockerfile).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toList());

            assertThat(instructions).as("%s base image", service)
                    .anyMatch(l -> l.startsWith("FROM ") && l.contains("openjdk-17"));
            assertThat(instructions).as("%s copies the fast-jar layout", service)
                    .anyMatch(l -> l.startsWith("COPY ") && l.contains("target/quarkus-app/lib/"))
                    .anyMatch(l -> l.startsWith("COPY ") && l.contains("target/quarkus-app/quarkus/"));

            List<String> users = instructions.stream().filter(l -> l.startsWith("USER ")).collect(Collectors.toList());
            assertThat(users).as("%s sets a USER", service).isNotEmpty();
            String user = users.get(users.size() - 1).substring("USER ".length()).trim();
            assertThat(user).as("%s runs as non-root", service).isNotIn("root", "0", "0:0");

            String port = Repo.properties(service).getProperty("quarkus.http.port");
            assertThat(instructions).as("%s exposes its port %s", service, port).contains("EXPOSE " + port);
        }
    }
}

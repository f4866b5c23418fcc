package org.secondopinion.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.infra.Ports;
import org.secondopinion.infra.Processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (the Quarkus distribution from Maven Central, which this module's build resolves) in its own
 * process on 127.0.0.1, with a realm imported from a file: {@code start-dev --import-realm}, its database a dev-file
 * H2 in the data folder (kept across restarts, so the realm is imported once). The issuer's host name is pinned to
 * {@code http://127.0.0.1:<port>} so the {@code iss} of its tokens is exactly what the services are given. A master
 * realm administrator ({@link #ADMIN_USER}, password the same) exists for the admin API; local use only.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";

    private static final String DIST_PATH_RESOURCE = "/local-stack/keycloak-dist.path";
    static final String COMMAND_MARKER = "kc.sh";
    static final String PID_FILE = "keycloak.pid";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDirectory;
    private final int port;
    private final String realm;
    private Process process;

    private KeycloakServer(Path dataDirectory, int port, String realm) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.realm = realm;
    }

    /**
     * Unpacks the distribution into {@code dataDirectory} on first use, imports {@code realmFile} unless its realm
     * exists there already, and waits until the realm's discovery document is served.
     *
     * @param port 0 for any free one
     */
    public static KeycloakServer start(Path dataDirectory, int port, Path realmFile, Duration timeout) {
        try {
            String realm = JSON.readTree(realmFile.toFile()).path("realm").asText();
            KeycloakServer server = new KeycloakServer(dataDirectory.toAbsolutePath().normalize(),
                    port == 0 ? Ports.free() : port, realm);
            server.launch(realmFile, timeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    /** The realm's issuer URL, e.g. {@code http://127.0.0.1:8090/realms/second-opinion}. */
    public String issuerUrl() {
        return baseUrl() + "/realms/" + realm;
    }

    public String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    public Path logFile() {
        return dataDirectory.resolve("keycloak.log");
    }

    private void launch(Path realmFile, Duration timeout) throws IOException {
        Files.createDirectories(dataDirectory);
        PidFiles.stopStale(pidFile(), COMMAND_MARKER, "Keycloak");
        Path home = unpacked();
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.copy(realmFile, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev", "--import-realm",
                "--http-host=" + Ports.LOOPBACK, "--http-port=" + port,
                "--http-management-port=" + Ports.free(),
                "--hostname=" + baseUrl(),
                "--db=dev-file"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // the master realm's administrator is created on the first start only
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_USER);
        process = builder.start();
        PidFiles.write(pidFile(), process.pid());
        awaitReady(timeout);
    }

    /** The distribution, unpacked once into the data folder. */
    private Path unpacked() throws IOException {
        Path zip = distribution();
        Path marker = dataDirectory.resolve("dist.unpacked");
        String version = zip.getFileName().toString();
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(version)) {
            return dataDirectory.resolve("dist");
        }
        Path dist = dataDirectory.resolve("dist");
        Path tmp = Files.createTempDirectory(dataDirectory, "dist-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                // strip the top folder (keycloak-<version>/)
                String name = e.getName().substring(e.getName().indexOf('/') + 1);
                Path target = tmp.resolve(name).normalize();
                if (!target.startsWith(tmp) || name.isEmpty()) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.setPosixFilePermissions(tmp.resolve("bin").resolve("kc.sh"), Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_EXECUTE));
        if (Files.exists(dist)) {
            LocalStack.deleteRecursively(dist);
        }
        Files.move(tmp, dist);
        Files.writeString(marker, version);
        return dist;
    }

    private static Path distribution() throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream(DIST_PATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DIST_PATH_RESOURCE + " is missing: build local-stack with Maven");
            }
            Path zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Keycloak's distribution " + zip + " is missing: build local-stack "
                        + "with Maven (it resolves org.keycloak:keycloak-quarkus-dist)");
            }
            return zip;
        }
    }

    private void awaitReady(Duration timeout) {
        URI discovery = URI.create(issuerUrl() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + logFile());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ServiceProcess.pause();
        }
        close();
        throw new IllegalStateException("Keycloak not ready after " + timeout + "; see " + logFile());
    }

    /**
     * Calls the admin API of this server's realm as the master administrator: {@code method} on
     * {@code /admin/realms/<realm><path>} with an optional JSON body; returns the status code.
     */
    public int admin(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + realm + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request.build()).statusCode();
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(ADMIN_USER) + "&password="
                + enc(ADMIN_USER);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        try {
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Path pidFile() {
        return dataDirectory.resolve(PID_FILE);
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
            process = null;
            PidFiles.delete(pidFile());
        }
    }
}

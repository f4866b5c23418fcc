package org.secondopinion.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.secondopinion.stack.LocalStack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole system, started once for every end-to-end test class in the run (a start costs about a minute) and
 * stopped when the last one is done: all five packaged services in their own processes on a real PostgreSQL, Kafka,
 * OIDC issuer and SMTP server, with the demo directory, logging and tracing as in production. Tests talk to it
 * through the gateway only. The classes that use it run first ({@link SharedStackClassesFirst}), so that it is
 * stopped before a class starts a stack of its own ({@link OwnStack}).
 */
public final class SharedStack implements BeforeAllCallback {

    private record Running(LocalStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }

    private static final String KEY = SharedStack.class.getName();
    private static volatile LocalStack current;

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalStack stack = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(KEY, key -> new Running(start()), Running.class).stack();
        current = stack;
        RestAssured.baseURI = stack.gatewayUrl();
        // polite polling: the gateway rate-limits each caller per route
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(500));
    }

    /**
     * Stops the shared stack if it is running, for a class that starts a stack of its own ({@link OwnStack}); a class
     * that needs the shared stack after that starts it again.
     */
    static void stop(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).remove(KEY, Running.class);
        current = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running stack, for a test class's {@code @BeforeAll} (the extension's callback runs first). */
    public static LocalStack stack() {
        return current;
    }

    private static LocalStack start() {
        return LocalStack.start(isolated("e2e-stack")
                .productionTelemetry(true)
                // ConsultsIT books a consult in test time: seconds of notice instead of 12 h, and a patient may
                // still move a consult that starts in an hour (the reminders stay 24 h and 1 h before the start)
                .environment("case-service", "SO_CONSULTS_MINIMUM_NOTICE", "PT20S")
                .environment("case-service", "SO_CONSULTS_CHANGE_CUTOFF", "PT30M")
                .readyTimeout(Duration.ofMinutes(4)));
    }

    /**
     * A fresh stack with demo data on free ports only (never the documented ones a developer's {@code ./stack up}
     * holds), its data in {@code end-to-end-tests/target/<folder>}.
     */
    static LocalStack.Options isolated(String folder) {
        Path root = repoRoot();
        return LocalStack.Options.defaults()
                .repoRoot(root)
                .dataDir(root.resolve("end-to-end-tests/target").resolve(folder))
                .fresh(true)
                .anyFreeServicePorts()
                .postgresPort(0)
                .kafkaPort(0)
                .oidcPort(0)
                .mailPorts(0, 0)
                .demoData(true);
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("so.repo.root", "..")).toAbsolutePath().normalize();
    }
}

package org.secondopinion.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./stack up [--fresh] [--keycloak] [--specialists N] [--data DIR]}: runs the whole system until Ctrl-C.
 * {@code ./stack token <user> [--data DIR]}: prints an access token from the running stack's issuer.
 */
public final class Main {

    static final String DEFAULT_ISSUER = "http://127.0.0.1:8090/" + DemoIdentities.ISSUER_ID;

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("stack: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) {
        if (args.length == 0) {
            usage();
            return 2;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        Path dataDir = Path.of(option(rest, "--data", ".stack-data"));
        switch (args[0]) {
            case "up":
                return up(upOptions(rest).dataDir(dataDir));
            case "token":
                if (rest.size() != 1) {
                    throw new IllegalArgumentException("usage: ./stack token <user>; users: "
                            + String.join(", ", DemoIdentities.allNames()));
                }
                System.out.println(token(dataDir, rest.get(0)));
                return 0;
            default:
                usage();
                return 2;
        }
    }

    /** {@code up}'s flags: {@code --fresh}, {@code --keycloak}, {@code --specialists N}. */
    static LocalStack.Options upOptions(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        LocalStack.Options options = LocalStack.Options.defaults().fresh(rest.remove("--fresh"))
                .keycloak(rest.remove("--keycloak"));
        String specialists = option(rest, "--specialists", null);
        if (specialists != null) {
            try {
                options.demoSpecialists(Integer.parseInt(specialists.replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--specialists needs a number, e.g. --specialists 100000");
            }
        }
        requireEmpty(rest);
        return options;
    }

    private static int up(LocalStack.Options options) {
        LocalStack stack = LocalStack.start(options);
        // LocalStack's shutdown hook stops everything on Ctrl-C; this thread only has to stay alive until then
        System.out.println("READY " + stack.gatewayUrl());
        System.out.println();
        System.out.println("  Swagger UI   " + stack.gatewayUrl() + "/q/swagger-ui");
        System.out.println("  OIDC issuer  " + stack.oidcIssuer());
        stack.keycloak().ifPresent(k -> System.out.println("  Keycloak     " + k.baseUrl() + "/admin  (master realm: "
                + KeycloakServer.ADMIN_USER + "/" + KeycloakServer.ADMIN_USER + ", local only)"));
        System.out.println("  e-mail       SMTP 127.0.0.1:" + stack.mail().smtpPort() + "; read it over IMAP 127.0.0.1:"
                + stack.mail().imapPort() + " (log in as the recipient address, any password)");
        System.out.println("  a token      ./stack token patient1   (users: " + String.join(", ", DemoIdentities.allNames()) + ")");
        System.out.println("  call it      curl -H \"Authorization: Bearer $(./stack token patient1)\" " + stack.gatewayUrl()
                + "/api/v1/me");
        System.out.println("  logs         " + stack.dataDir().resolve("logs"));
        System.out.println("  data         " + stack.dataDir() + "  (kept across restarts; ./stack up --fresh wipes it)");
        System.out.println("  Ctrl-C stops everything.");
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The token of a demo user or clinic from the issuer of the stack running on {@code dataDir}. */
    static String token(Path dataDir, String user) {
        if (!DemoIdentities.isKnown(user)) {
            throw new IllegalArgumentException("unknown user '" + user + "'; demo users: "
                    + String.join(", ", DemoIdentities.allNames()));
        }
        return TokenClient.accessToken(issuerOf(dataDir), user);
    }

    /** The running stack writes its issuer URL into its data folder; the documented default otherwise. */
    static String issuerOf(Path dataDir) {
        Path file = dataDir.resolve(LocalStack.STACK_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return DEFAULT_ISSUER;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return DEFAULT_ISSUER;
        }
        return p.getProperty("oidc.issuer", DEFAULT_ISSUER);
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }

    private static void requireEmpty(List<String> rest) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments: " + String.join(" ", rest));
        }
    }

    private static void usage() {
        System.err.println("usage: ./stack up [--fresh] [--keycloak] [--specialists N] [--data DIR]   run everything until Ctrl-C;");
        System.err.println("       --keycloak runs Keycloak with deploy/keycloak/second-opinion-realm.json instead of the local issuer");
        System.err.println("       --specialists seeds N generated profiles into a new directory (default 300)");
        System.err.println("       ./stack token <user> [--data DIR]   print an access token for a demo user");
    }
}

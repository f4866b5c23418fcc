package org.secondopinion.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's request-parsing rules (platform-common {@code StrictRequests}, {@code StrictJson},
 * {@code ProblemMappers}) checked over every operation of a service's live OpenAPI document: each check sends one
 * class of bad request to each operation it applies to and asserts the status and a problem body
 * ({@code application/problem+json}) naming the parameter, header or body. Failures are collected, so one run lists
 * every operation that breaks a rule; each check returns how many requests it sent.
 */
public final class StrictRequestChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation of the document: its method, path template and OpenAPI object. */
    public record Operation(String method, String template, JsonNode spec) {

        /** The path with every path parameter filled with a fresh UUID (or a plausible value of its type). */
        public String path() {
            return path(Map.of());
        }

        /** The path with the {@code known} path parameters filled as given, every other one as {@link #path()}. */
        public String path(Map<String, String> known) {
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                if (known.containsKey(m.group(1))) {
                    m.appendReplacement(out, known.get(m.group(1)));
                    continue;
                }
                JsonNode schema = parameter(m.group(1), "path").path("schema");
                String value = "integer".equals(schema.path("type").asText()) ? "1" : UUID.randomUUID().toString();
                m.appendReplacement(out, value);
            }
            m.appendTail(out);
            return out.toString();
        }

        JsonNode parameter(String name, String in) {
            for (JsonNode p : spec.path("parameters")) {
                if (name.equals(p.path("name").asText()) && in.equals(p.path("in").asText())) {
                    return p;
                }
            }
            return JSON.createObjectNode();
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (in.equals(p.path("in").asText())) {
                    found.add(p);
                }
            });
            return found;
        }

        /** The operation takes a JSON body ({@code application/json} or {@code +json}). */
        public boolean takesJson() {
            Iterator<String> types = spec.path("requestBody").path("content").fieldNames();
            while (types.hasNext()) {
                String type = types.next();
                if (type.equals("application/json") || type.endsWith("+json")) {
                    return true;
                }
            }
            return false;
        }

        public boolean takesBody() {
            return spec.has("requestBody");
        }

        public boolean takesOnlyMultipart() {
            Iterator<String> types = spec.path("requestBody").path("content").fieldNames();
            boolean any = false;
            while (types.hasNext()) {
                any = true;
                if (!types.next().startsWith("multipart/")) {
                    return false;
                }
            }
            return any;
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template;
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Operation> operations = new ArrayList<>();
    private Predicate<Operation> bodiesAreProblems = op -> true;
    private java.util.function.Function<Operation, String> paths = Operation::path;

    public StrictRequestChecks(URI base) {
        this.base = base;
        JsonNode document = JSON.valueToTree(Map.of());
        try {
            document = JSON.readTree(send("GET", "/q/openapi?format=json", Map.of(), null).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
            }
        }));
    }

    /**
     * Operations whose refusals of a malformed body are deliberately not problem+json (FHIR answers an
     * OperationOutcome): their body checks assert the status only.
     */
    public StrictRequestChecks bodyRefusalsNotProblemsFor(Predicate<Operation> exempt) {
        this.bodiesAreProblems = exempt.negate();
        return this;
    }

    /**
     * How the request checks fill an operation's path. By default every path parameter is a fresh UUID; a service
     * whose operations are scoped to an object (DESIGN §3: 404 before the body is judged) names objects the caller
     * may see, so that the checks reach the request rules they are about.
     */
    public StrictRequestChecks pathsBy(java.util.function.Function<Operation, String> paths) {
        this.paths = paths;
        return this;
    }

    String pathOf(Operation op) {
        return paths.apply(op);
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** {@code size=abc}, {@code page=1e3}, {@code page=2147483648} and the like: 400 naming the parameter. */
    public int malformedQueryParameters(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            for (JsonNode parameter : op.parameters("query")) {
                String name = parameter.path("name").asText();
                for (String bad : badValues(parameter.path("schema"))) {
                    String uri = pathOf(op) + "?" + name + "=" + bad;
                    Answer r = send(op.method(), uri, auth(token, jsonIfBody(op)), op.takesJson() ? "{}" : null);
                    assertProblem(soft, op + " ?" + name + "=" + bad, r, 400, name);
                    sent++;
                }
            }
        }
        soft.assertAll();
        return sent;
    }

    private static List<String> badValues(JsonNode schema) {
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        return switch (type) {
            case "integer" -> List.of("abc", "1e3", "int64".equals(format) ? "9223372036854775808" : "2147483648");
            case "number" -> List.of("abc");
            case "boolean" -> List.of("abc");
            default -> List.of();
        };
    }

    /**
     * DESIGN §3, the order of refusals: on every operation {@code scoped} to an object, a caller who may not see the
     * object ({@code stranger}, holding the operation's roles) gets 404 whatever is wrong with the request (malformed
     * or truncated JSON, a body without Content-Type, a malformed query parameter), while the caller who may see it
     * ({@code owner}) gets that request's own refusal (400, 415) for the same request. {@code strangersPath} and
     * {@link #pathsBy the owner's paths} name the same kind of object, one of someone else and one of the owner.
     *
     * @return the requests sent; fails unless at least one operation is scoped
     */
    public int objectBeforeRequest(Predicate<Operation> scoped, java.util.function.Function<Operation, String>
            strangersPath, String stranger, String owner) {
        Failures soft = new Failures();
        int sent = 0;
        int scopedOperations = 0;
        for (Operation op : operations) {
            if (!scoped.test(op)) {
                continue;
            }
            scopedOperations++;
            record Bad(String what, String query, Map<String, String> headers, String body, int ownersStatus) {
            }
            List<Bad> bads = new ArrayList<>();
            bads.add(new Bad("no body problem", "", Map.of(), null, 0));
            if (op.takesJson()) {
                bads.add(new Bad("malformed JSON", "", Map.of("Content-Type", "application/json"), "{} garbage",
                        400));
                bads.add(new Bad("truncated JSON", "", Map.of("Content-Type", "application/json"), "{\"a\":",
                        400));
            }
            if (op.takesBody()) {
                // a Content-Type the operation does not consume at all is refused when the request is matched to an
                // operation, before any role or object check (415 for everyone): only a missing one is sent here
                // the owner's 415 for a JSON operation (StrictRequests); a multipart one judges its parts instead
                bads.add(new Bad("a body without Content-Type", "", Map.of(), "{}", op.takesJson() ? 415 : 0));
            }
            for (JsonNode parameter : op.parameters("query")) {
                for (String value : badValues(parameter.path("schema")).stream().limit(1).toList()) {
                    String name = parameter.path("name").asText();
                    bads.add(new Bad("?" + name + "=" + value, "?" + name + "=" + value, jsonIfBody(op),
                            op.takesJson() ? "{}" : null, 400));
                }
            }
            for (Bad bad : bads) {
                Answer r = send(op.method(), strangersPath.apply(op) + bad.query(), auth(stranger, bad.headers()),
                        bad.body());
                assertProblem(soft, op + " on another's object, " + bad.what(), r, 404, null);
                sent++;
                if (bad.ownersStatus() != 0) {
                    Answer own = send(op.method(), pathOf(op) + bad.query(), auth(owner, bad.headers()),
                            bad.body());
                    assertProblem(soft, op + " on the caller's own object, " + bad.what(), own,
                            bad.ownersStatus(), null);
                    sent++;
                }
            }
        }
        soft.check(scopedOperations > 0, "no operation is scoped to an object");
        soft.assertAll();
        return sent;
    }

    /** A JSON body followed by more than one value: 400 naming the body, never stored. */
    public int trailingGarbage(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            if (!op.takesJson()) {
                continue;
            }
            for (String body : List.of("{} garbage", "{} {}")) {
                Answer r = send(op.method(), pathOf(op), auth(token, Map.of("Content-Type",
                        "application/json")), body);
                expectBodyRefusal(soft, op, op + " with body " + body, r, 400);
                sent++;
            }
        }
        soft.assertAll();
        return sent;
    }

    /** Bytes that are not UTF-8: 400 saying the body is not valid UTF-8 JSON. */
    public int invalidUtf8(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            if (!op.takesJson()) {
                continue;
            }
            byte[] latin1 = "{\"name\":\"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
            Answer r = send(op.method(), pathOf(op), auth(token, Map.of("Content-Type",
                    "application/json")), latin1);
            expectBodyRefusal(soft, op, op + " with ISO-8859-1 bytes", r, 400);
            if (r.statusCode() == 400 && bodiesAreProblems.test(op)) {
                soft.check(text(r).contains("not valid UTF-8 JSON"), op + ": the problem says why: " + text(r));
            }
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /** A body without any Content-Type: 415 naming the header. */
    public int missingContentType(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            if (!op.takesBody() || op.takesOnlyMultipart()) {
                continue;
            }
            Answer r = send(op.method(), pathOf(op), auth(token, Map.of()), "{}");
            assertProblem(soft, op + " without Content-Type", r, 415, "Content-Type");
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /**
     * A client sending the {@code Accept} the document declares for an operation's success answers is never refused
     * with 406, and those answers are never declared as problem+json only; JSON operations accept
     * {@code application/json}.
     */
    public int acceptJson(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            Set<String> declared = new java.util.LinkedHashSet<>();
            op.spec().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    response.getValue().path("content").fieldNames().forEachRemaining(declared::add);
                }
            });
            soft.check(declared.isEmpty() || !Set.of("application/problem+json").containsAll(declared),
                    op + ": success answers declared as " + declared);
            String accept = declared.isEmpty() || declared.contains("application/json") ? "application/json"
                    : String.join(", ", declared);
            Map<String, String> headers = auth(token, jsonIfBody(op));
            headers.put("Accept", accept);
            Answer r = send(op.method(), op.path(), headers, op.takesJson() ? "{}" : null);
            soft.check(r.statusCode() != 406, op + " with Accept: " + accept + ": " + text(r));
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /** A validly signed token without {@code sub}: 401 on every operation. */
    public int tokenWithoutSubject(String token) {
        return tokenRefused(token, "a token without sub");
    }

    /** A token the services must not accept ({@code what} it is): 401 with a problem on every operation. */
    public int tokenRefused(String token, String what) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            Answer r = send(op.method(), op.path(), auth(token, jsonIfBody(op)),
                    op.takesJson() ? "{}" : null);
            assertProblem(soft, op + " with " + what, r, 401, null);
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /**
     * A clinic token issued to a client that is not a partner clinic's ({@code wrongClient}): 403 with a problem on
     * every operation that needs a token and admits {@code clinic}, the same clinic's token from its own client, at
     * all (anything but 401/403), before the object or the request is judged.
     *
     * @return the requests sent with {@code wrongClient} (0 in a service without clinic operations)
     */
    public int clinicOfAnotherClient(String clinic, String wrongClient) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            if (!needsAToken(op)) {
                continue;
            }
            Map<String, String> headers = jsonIfBody(op);
            String body = op.takesJson() ? "{}" : null;
            int admitted = send(op.method(), op.path(), auth(clinic, headers), body).statusCode();
            if (admitted == 401 || admitted == 403) {
                continue; // not an operation for clinics
            }
            Answer r = send(op.method(), op.path(), auth(wrongClient, headers), body);
            assertProblem(soft, op + " with a clinic token of another client", r, 403, null);
            soft.check(text(r).contains("client"), op + ": the problem names the client: " + text(r));
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /** Whether an anonymous request is refused with 401 (otherwise the operation is open: no role needed). */
    private boolean needsAToken(Operation op) {
        return send(op.method(), op.path(), jsonIfBody(op), op.takesJson() ? "{}" : null).statusCode() == 401;
    }

    /** A token holding no role: 403 on every operation that needs a token at all. */
    public int tokenWithoutRoles(String token) {
        Failures soft = new Failures();
        int sent = 0;
        for (Operation op : operations) {
            if (!needsAToken(op)) {
                continue;
            }
            Answer r = send(op.method(), op.path(), auth(token, jsonIfBody(op)), op.takesJson() ? "{}" : null);
            assertProblem(soft, op + " with a token holding no role", r, 403, null);
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /** A request line past the limit: 414 with a problem body, on every GET operation. */
    public int requestLineTooLong(String token, int limit) {
        Failures soft = new Failures();
        int sent = 0;
        String padding = "x".repeat(limit);
        for (Operation op : operations) {
            if (!op.method().equals("get")) {
                continue;
            }
            Answer r = send("GET", op.path() + "?pad=" + padding, auth(token, Map.of()), null);
            assertProblem(soft, op + " with a " + (limit + op.path().length()) + "-character target", r, 414, null);
            sent++;
        }
        soft.assertAll();
        return sent;
    }

    /**
     * A chunked body growing past {@code limit} bytes on the first operation that takes JSON: 413 with a problem
     * body. Written on a plain socket, the answer read while the body is still being sent (the server answers as
     * soon as the limit is passed and closes the connection).
     */
    public String chunkedBodyTooLarge(String token, long limit) throws Exception {
        Operation op = operations.stream().filter(Operation::takesJson).findFirst().orElseThrow();
        int port = base.getPort();
        try (java.net.Socket socket = RawHttp.send(port, op.method().toUpperCase() + " " + op.path() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    java.io.OutputStream out = socket.getOutputStream();
                    for (long written = 0; written <= limit + chunk.length; written += chunk.length) {
                        out.write(head);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByServer) {
                    // expected: the server answered and hung up
                }
            });
            writer.setDaemon(true);
            writer.start();
            socket.setSoTimeout(60_000);
            java.io.InputStream in = socket.getInputStream();
            String answerHead = RawHttp.readHead(in);
            int length = Integer.parseInt(answerHead.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
            byte[] body = in.readNBytes(length);
            return answerHead + new String(body, StandardCharsets.UTF_8);
        }
    }

    private void expectBodyRefusal(Failures soft, Operation op, String what, Answer r, int status) {
        if (bodiesAreProblems.test(op)) {
            assertProblem(soft, what, r, status, "body");
        } else {
            soft.check(r.statusCode() == status, what + ": expected " + status + ", got " + r.statusCode() + " " + text(r));
        }
    }

    /** Status, problem+json, and (when {@code names} is given) a violation or detail naming it. */
    public static void assertProblem(Failures soft, String what, Answer r, int status,
                                     String names) {
        String body = text(r);
        if (r.statusCode() != status) {
            soft.check(false, what + ": expected " + status + ", got " + r.statusCode() + " " + body);
            return;
        }
        soft.check(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                what + ": content type " + r.headers().firstValue("Content-Type").orElse("(none)"));
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            soft.check(false, what + ": not a JSON problem body: " + body);
            return;
        }
        soft.check(problem.path("status").asInt() == status, what + ": problem status in " + body);
        soft.check(!problem.path("title").asText().isBlank(), what + ": problem title in " + body);
        if (names != null) {
            boolean named = problem.path("detail").asText().contains(names);
            for (JsonNode v : problem.path("violations")) {
                named |= v.path("field").asText().equals(names) || v.path("field").asText().endsWith("." + names);
            }
            soft.check(named, what + ": the problem names " + names + ": " + body);
        }
    }

    /** An answer: status, headers and body (empty for an event stream, which is not read). */
    public record Answer(int statusCode, java.net.http.HttpHeaders headers, byte[] body) {
    }

    public Answer send(String method, String path, Map<String, String> headers, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method.toUpperCase(), publisher);
        headers.forEach(request::header);
        try {
            HttpResponse<java.io.InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                return new Answer(r.statusCode(), r.headers(), stream ? new byte[0] : in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> jsonIfBody(Operation op) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (op.takesJson()) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private static Map<String, String> auth(String token, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return all;
    }

    public static String text(Answer r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Collects every broken rule of one check, so one run lists all operations that break it. */
    public static final class Failures {
        private final List<String> failures = new ArrayList<>();

        public void check(boolean holds, String failure) {
            if (!holds) {
                failures.add(failure);
            }
        }

        public void assertAll() {
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " broken:\n  " + String.join("\n  ", failures));
            }
        }
    }
}

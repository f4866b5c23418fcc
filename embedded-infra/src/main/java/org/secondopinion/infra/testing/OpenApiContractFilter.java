package org.secondopinion.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Holds every exchange a REST Assured test makes to the service's live OpenAPI document ({@code /q/openapi}): the
 * status must be one the operation declares, a 4xx/5xx must be a problem ({@code application/problem+json} whose
 * {@code status} is the answer's) unless the operation declares another body for it, and the body must fit the
 * schema declared for its status and media type; a 201 carries a {@code Location} header (the created resource,
 * CONVENTIONS 1). A break fails the test that made the request
 * ({@code -Dso.openapi.contract=report} only counts; {@code off} turns it off). Exchanges with paths the document
 * does not list ({@code /q/health}, ...) are not checked. {@link OpenApiContractCallback} installs it for every
 * {@code @QuarkusTest}; the counts are printed when the test JVM ends and written to
 * {@code target/openapi-contract.txt}.
 */
public final class OpenApiContractFilter implements Filter {

    public static final OpenApiContractFilter INSTANCE = new OpenApiContractFilter();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    // one tally per test JVM, whichever copy of this class counts
    private final Map<String, Object> tally = OpenApiContractTally.shared();
    final AtomicInteger checked = counter("checked");
    final AtomicInteger notInDocument = counter("notInDocument");
    final AtomicInteger undeclaredStatuses = counter("undeclaredStatuses");
    final AtomicInteger schemaMismatches = counter("schemaMismatches");
    final AtomicInteger problemlessRefusals = counter("problemlessRefusals");
    final AtomicInteger createdWithoutLocation = counter("createdWithoutLocation");
    @SuppressWarnings("unchecked")
    private final Set<String> operationsSeen = (Set<String>) tally.computeIfAbsent("operations",
            k -> new ConcurrentSkipListSet<String>());
    @SuppressWarnings("unchecked")
    private final Set<String> findings = (Set<String>) tally.computeIfAbsent("findings",
            k -> new ConcurrentSkipListSet<String>());

    private OpenApiContractFilter() {
        if (tally.putIfAbsent("reporter", Boolean.TRUE) == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::report, "openapi-contract-report"));
        }
    }

    private AtomicInteger counter(String name) {
        return (AtomicInteger) tally.computeIfAbsent(name, k -> new AtomicInteger());
    }

    static String mode() {
        return System.getProperty("so.openapi.contract", "fail");
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        if ("off".equals(mode())) {
            return response;
        }
        URI uri = URI.create(request.getURI());
        Document document = documents.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(), this::read);
        String method = request.getMethod().toLowerCase(Locale.ROOT);
        Operation op = document.find(method, uri.getRawPath());
        if (op == null) {
            notInDocument.incrementAndGet();
            return response;
        }
        byte[] body = response.asByteArray();
        Response replay = new ResponseBuilder().clone(response).setBody(body).build();
        checked.incrementAndGet();
        operationsSeen.add(uri.getAuthority() + " " + op);
        List<String> broken = check(document, op, method, response.statusCode(), response.getContentType(), body);
        if (response.statusCode() == 201 && response.getHeader("Location") == null) {
            createdWithoutLocation.incrementAndGet();
            broken.add(finding(op + ": 201 without a Location header naming the created resource"));
        }
        if (!broken.isEmpty() && "fail".equals(mode())) {
            throw new AssertionError("the answer breaks the service's OpenAPI document (" + op + " answered "
                    + response.statusCode() + "):\n  " + String.join("\n  ", broken)
                    + "\n  body: " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        return replay;
    }

    private List<String> check(Document document, Operation op, String method, int status, String contentType,
            byte[] body) {
        List<String> broken = new ArrayList<>();
        JsonNode responses = op.spec().path("responses");
        JsonNode declared = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.has(status / 100 + "XX") ? responses.get(status / 100 + "XX") : responses.get("default");
        if (declared == null) {
            undeclaredStatuses.incrementAndGet();
            broken.add(finding(op + ": status " + status + " is not declared (declared: "
                    + String.join(", ", names(responses)) + ")"));
            declared = JSON.createObjectNode();
        }
        String media = contentType == null || contentType.isBlank() ? ""
                : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = declared.path("content");
        JsonNode declaredMedia = content.has(media) ? content.get(media) : content.get("*/*");
        boolean bodyPresent = body.length > 0 && !"head".equals(method);
        if (status >= 400 && !media.equals("application/problem+json") && declaredMedia == null) {
            problemlessRefusals.incrementAndGet();
            broken.add(finding(op + ": " + status + " is not a problem (Content-Type '" + media + "')"));
            return broken;
        }
        if (!bodyPresent) {
            return broken;
        }
        if (declaredMedia == null) {
            if (!content.isEmpty() || status < 400) {
                schemaMismatches.incrementAndGet();
                broken.add(finding(op + ": " + status + " answered " + media + ", the document declares "
                        + (content.isEmpty() ? "no body" : String.join(", ", names(content)))));
            }
            return broken;
        }
        if (!(media.equals("application/json") || media.endsWith("+json"))) {
            return broken;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            schemaMismatches.incrementAndGet();
            broken.add(finding(op + ": " + status + " " + media + " body is not JSON"));
            return broken;
        }
        if (media.equals("application/problem+json") && value.path("status").asInt() != status) {
            problemlessRefusals.incrementAndGet();
            broken.add(finding(op + ": " + status + " problem's status is " + value.path("status")));
        }
        List<String> mismatches = document.schemas().mismatches(declaredMedia.path("schema"), value);
        if (!mismatches.isEmpty()) {
            schemaMismatches.incrementAndGet();
            mismatches.forEach(m -> broken.add(finding(op + " " + status + " " + m)));
        }
        return broken;
    }

    private String finding(String what) {
        findings.add(what.replaceAll("\\[\\d+]", "[*]"));
        return what;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Document read(String base) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new Document(JSON.createObjectNode());
            }
            return new Document(JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One line of counts, for the test log and the report file. */
    public String summary() {
        return String.format("openapi contract (%s): %d exchanges checked over %d operations (%d not in the document);"
                        + " %d undeclared statuses, %d schema mismatches, %d problem-less refusals,"
                        + " %d 201s without Location",
                mode(), checked.get(), operationsSeen.size(), notInDocument.get(), undeclaredStatuses.get(),
                schemaMismatches.get(), problemlessRefusals.get(), createdWithoutLocation.get());
    }

    private void report() {
        if (checked.get() == 0 && notInDocument.get() == 0) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        findings.forEach(f -> lines.add("  " + f));
        lines.forEach(System.out::println);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.write(target.resolve("openapi-contract.txt"), lines);
            }
        } catch (IOException e) {
            System.out.println("openapi contract: report not written: " + e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 597) + "..." : s;
    }

    record Operation(String method, String template, Pattern pattern, JsonNode spec) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    /** A service's document: its operations, most literal path first, and its schemas. */
    record Document(List<Operation> operations, OpenApiSchemas schemas) {

        Document(JsonNode document) {
            this(operations(document), new OpenApiSchemas(document));
        }

        private static List<Operation> operations(JsonNode document) {
            List<Operation> ops = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                String regex = "\\Q" + path.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E/?";
                path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        ops.add(new Operation(op.getKey(), path.getKey(), Pattern.compile(regex), op.getValue()));
                    }
                });
            }
            ops.sort(Comparator.comparingInt((Operation o) -> o.template().split("\\{").length)
                    .thenComparing(o -> -o.template().length()));
            return ops;
        }

        Operation find(String method, String path) {
            for (Operation op : operations) {
                if (op.method().equals(method) && op.pattern().matcher(path).matches()) {
                    return op;
                }
            }
            return null;
        }
    }
}

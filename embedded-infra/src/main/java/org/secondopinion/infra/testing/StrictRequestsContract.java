package org.secondopinion.infra.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The platform's request-parsing rules held over every operation of a service's live OpenAPI document (see
 * {@link StrictRequestChecks}). A service's test extends this class and is a {@code @QuarkusTest}; each test sends
 * one class of bad request to every operation it applies to and prints how many it sent.
 */
public abstract class StrictRequestsContract {

    protected StrictRequestChecks checks;
    protected String anyone;
    /** The subject of {@link #anyone}'s token. */
    protected String anyoneId;

    /** Operations whose body refusals are deliberately not problem+json (e.g. FHIR's OperationOutcome). */
    protected Predicate<StrictRequestChecks.Operation> bodyRefusalsNotProblems() {
        return op -> false;
    }

    @BeforeEach
    void readTheDocument() {
        checks = new StrictRequestChecks(URI.create(ConfigProvider.getConfig().getValue("test.url", String.class)
                + "/")).bodyRefusalsNotProblemsFor(bodyRefusalsNotProblems());
        anyoneId = "strict-" + UUID.randomUUID();
        anyone = TestTokens.allRoles(anyoneId);
        check(!checks.operations().isEmpty(), "the OpenAPI document lists operations");
    }

    /**
     * A client generated from the document names its methods after the operationIds: every operation has one, no two
     * share one, and each reads as a method name ({@code listConsults}, {@code acceptOffer}; not {@code Class_method}).
     */
    @Test
    void everyOperationHasAUniqueReadableOperationId() {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        java.util.List<String> broken = new java.util.ArrayList<>();
        for (StrictRequestChecks.Operation op : checks.operations()) {
            String id = op.spec().path("operationId").asText("");
            if (!id.matches("[a-z][a-z]+[A-Za-z0-9]*")) {
                broken.add(op + ": operationId '" + id + "'");
            } else if (seen.containsKey(id)) {
                broken.add(op + ": operationId " + id + " also names " + seen.get(id));
            }
            seen.putIfAbsent(id, op.toString());
        }
        check(broken.isEmpty(), broken.size() + " operations without a unique readable operationId:\n  "
                + String.join("\n  ", broken));
        System.out.printf("operationIds: %d operations, %s%n", seen.size(), new java.util.TreeSet<>(seen.keySet()));
    }

    @Test
    void malformedOrOutOfRangeQueryParametersAre400NamingTheParameterOnEveryOperation() {
        report("malformed query parameters", checks.malformedQueryParameters(anyone));
    }

    @Test
    void aJsonBodyWithTrailingGarbageIs400OnEveryOperationThatTakesJson() {
        report("trailing garbage", checks.trailingGarbage(anyone));
    }

    @Test
    void aBodyThatIsNotUtf8Is400SayingSoOnEveryOperationThatTakesJson() {
        report("not UTF-8", checks.invalidUtf8(anyone));
    }

    @Test
    void aBodyWithoutContentTypeIs415OnEveryOperationThatTakesABody() {
        report("no Content-Type", checks.missingContentType(anyone));
    }

    @Test
    void theAcceptTheDocumentDeclaresIsNeverRefusedWith406() {
        report("Accept as declared", checks.acceptJson(anyone));
    }

    @Test
    void aSignedTokenWithoutSubIs401OnEveryOperation() {
        report("token without sub", checks.tokenWithoutSubject(TestTokens.withoutSubject("nosub", "patient",
                "specialist", "coordinator", "clinic", "admin")));
    }

    @Test
    void aTokenMintedForAnotherAudienceIs401OnEveryOperation() {
        report("token for another audience", checks.tokenRefused(TestTokens.forAudience("another-app",
                "aud-" + UUID.randomUUID(), "patient", "specialist", "coordinator", "clinic", "admin"),
                "a token minted for another audience"));
    }

    @Test
    void aClinicTokenIssuedToAnotherClientIs403OnEveryOperationThatAdmitsClinics() {
        String clinicId = "clinic-" + UUID.randomUUID();
        report("clinic token of another client", checks.clinicOfAnotherClient(
                TestTokens.clinic("client-" + clinicId, clinicId),
                TestTokens.clinicIssuedTo(TestTokens.USER_CLIENT, "client-" + clinicId, clinicId)));
    }

    @Test
    void aTokenWithoutAnyRoleIs403OnEveryOperationThatNeedsAToken() {
        report("token without roles", checks.tokenWithoutRoles(TestTokens.of("norole-" + UUID.randomUUID())));
    }

    @Test
    void aRequestLineOverTheLimitIs414WithAProblemOnEveryReadOperation() {
        int limit = ConfigProvider.getConfig().getOptionalValue("so.http.max-request-line", Integer.class)
                .orElse(4096);
        report("request line too long", checks.requestLineTooLong(anyone, limit));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithAProblem() throws Exception {
        long limit = bytes(ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size",
                String.class).orElse("10240K"));
        String answer = checks.chunkedBodyTooLarge(anyone, limit);
        check(answer.startsWith("HTTP/1.1 413"), "413: " + answer);
        check(answer.toLowerCase().contains("content-type: application/problem+json"), "a problem: " + answer);
        check(answer.contains("\"status\":413") && answer.contains("at most " + limit + " bytes"),
                "names the limit: " + answer);
    }

    /**
     * DESIGN §3, the order of refusals, over every operation whose path starts with {@code scope} (see
     * {@link StrictRequestChecks#objectBeforeRequest}): {@code stranger}, holding the operations' roles, gets 404 on
     * {@code strangersPath} whatever the request, {@link #anyone} the request's own refusal on its own object (the
     * paths set with {@link StrictRequestChecks#pathsBy}). Fails unless at least {@code atLeast} operations are
     * scoped, so an operation moved elsewhere is noticed.
     */
    protected void holdsTheOrderOfRefusals(String scope, java.util.function.Function<StrictRequestChecks.Operation,
            String> strangersPath, String stranger, int atLeast) {
        Predicate<StrictRequestChecks.Operation> scoped = op -> op.template().startsWith(scope);
        int sent = checks.objectBeforeRequest(scoped, strangersPath, stranger, anyone);
        long operations = checks.operations().stream().filter(scoped).count();
        System.out.printf("order of refusals: %d requests over %d operations under %s, all as required%n", sent,
                operations, scope);
        check(operations >= atLeast, operations + " operations under " + scope + ", expected at least " + atLeast);
    }

    private void report(String what, int sent) {
        System.out.printf("strict requests, %s: %d requests over %d operations, all as required%n", what, sent,
                checks.operations().size());
    }

    /** {@code 55M}, {@code 10240K}, {@code 1G} or a plain number of bytes. */
    static long bytes(String size) {
        String s = size.trim().toUpperCase();
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    protected static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}

package org.secondopinion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.secondopinion.stack.LocalStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * docs/CLINIC-QUICKSTART.md, executed: every block marked {@code quickstart:run} runs in order in bash against the
 * whole system (through the gateway, with a real client-credentials token), so the copy-paste examples cannot rot.
 * Then the referral travels on: a coordinator assigns it, the patient claims it, and each change reaches the clinic's
 * webhook with a signature that the quick-start's own verification snippets (shell and Java) accept. Run against the
 * shared stack ({@link ClinicQuickStartIT}) and against one on Keycloak ({@link KeycloakIT}).
 */
final class ClinicQuickStart {

    private static final Duration ASYNC = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path QUICKSTART = SharedStack.repoRoot().resolve("docs/CLINIC-QUICKSTART.md");

    private final LocalStack stack;
    private final WebhookReceiver receiver;
    private final Map<String, String> environment;

    /** @param environment extra variables for the quick-start's blocks (e.g. Keycloak's {@code TOKEN_URL}) */
    ClinicQuickStart(LocalStack stack, WebhookReceiver receiver, Map<String, String> environment) {
        this.stack = stack;
        this.receiver = receiver;
        this.environment = environment;
    }

    void theQuickStartWorksAndEveryStatusChangeReachesTheClinicSigned() throws Exception {
        // a specialty and state the demo directory covers, away from the CA spine surgeons the other scenario uses
        String[] where = specialtyAndStateWithASpecialist("GENERAL_SURGERY");
        Path work = Files.createTempDirectory("quickstart");
        Files.createSymbolicLink(work.resolve("docs"), SharedStack.repoRoot().resolve("docs"));
        Map<String, String> env = new HashMap<>(Map.of(
                "GATEWAY", stack.gatewayUrl(),
                "ISSUER", stack.oidcIssuer(),
                "CLIENT_ID", "clinic1",
                "CLIENT_SECRET", "clinic1",
                "WEBHOOK_URL", receiver.url(),
                "SPECIALTY", where[0],
                "PATIENT_STATE", where[1]));
        env.putAll(environment);

        Result run = bash(blocks("run"), work, env);
        assertThat(run.exitCode()).as("quick-start output:%n%s", run.output()).isZero();

        JsonNode referral = JSON.readTree(work.resolve("referral.json").toFile());
        String referralId = referral.path("id").asText();
        assertThat(referral.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(referral.path("claimCode").asText()).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(JSON.readTree(work.resolve("status.json").toFile()).path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(run.output()).contains("201");
        String secret = JSON.readTree(work.resolve("webhook.json").toFile()).path("secret").asText();
        assertThat(secret).isNotBlank();

        // the first callback: the referral exists and is on its way
        WebhookReceiver.Call created = awaitCall(referralId, "SUBMITTED");
        assertThat(created.body()).doesNotContain("Silva", "ana.silva", "osteoarthritis", "27447", "M17.11");
        verifyWithTheQuickStart(created, secret, work, env);

        // a coordinator assigns the case to a ranked candidate: the clinic hears ASSIGNED
        String caseReference = referral.path("caseReference").asText();
        String caseId = await().atMost(ASYNC).until(() -> caseIdOf(caseReference), id -> id != null);
        String candidate = await().atMost(ASYNC).until(() -> firstCandidate(caseId), id -> id != null);
        as(stack.token("coordinator1")).body(Map.of("specialistId", candidate,
                        "reason", "End-to-end test: assign the top-ranked candidate", "force", false))
                .post("/api/v1/matches/" + caseId + "/assign").then().statusCode(200);
        verifyWithTheQuickStart(awaitCall(referralId, "ASSIGNED"), secret, work, env);
        as(stack.token("clinic1")).get("/api/v1/referrals/" + referralId).then().statusCode(200)
                .body("status", equalTo("ASSIGNED"));

        // the patient claims the case with the code: the clinic hears that too, and the case is the patient's
        as(stack.token("patient2")).body(Map.of("code", referral.path("claimCode").asText()))
                .post("/api/v1/cases/claim").then().statusCode(200).body("reference", equalTo(caseReference));
        await().atMost(ASYNC).until(() -> receiver.calls().stream().anyMatch(c -> c.body().contains(referralId)
                && c.body().contains("\"referral.claimed\"")));

        // another clinic sees none of it
        as(stack.token("clinic2")).get("/api/v1/referrals/" + referralId).then().statusCode(404);
        as(stack.token("clinic2")).get("/api/v1/fhir/Task/" + referralId).then().statusCode(404);
    }

    /** Both verification snippets of the quick-start accept a genuine delivery and refuse a tampered one. */
    private void verifyWithTheQuickStart(WebhookReceiver.Call call, String secret, Path work,
                                                Map<String, String> env) throws Exception {
        Map<String, String> verifyEnv = new HashMap<>(env);
        verifyEnv.putAll(Map.of("SECRET", secret, "TIMESTAMP", call.timestamp(), "SIGNATURE", call.signature()));
        Files.write(work.resolve("webhook-body.json"), call.rawBody());
        Result genuine = bash(blocks("verify"), work, verifyEnv);
        assertThat(genuine.output()).as(genuine.output()).contains("valid").doesNotContain("INVALID");
        assertThat(genuine.exitCode()).isZero();

        Files.writeString(work.resolve("webhook-body.json"), call.body().replace("\"claimed\":false",
                "\"claimed\":true").replace("\"status\":\"", "\"status\":\"X"));
        Result tampered = bash(List.of(blocks("verify").get(0)), work, verifyEnv);
        assertThat(tampered.output()).contains("INVALID");
    }

    private WebhookReceiver.Call awaitCall(String referralId, String status) {
        return await().atMost(ASYNC).until(() -> receiver.calls().stream()
                .filter(c -> c.body().contains(referralId) && c.body().contains("\"status\":\"" + status + "\""))
                .findFirst().orElse(null), c -> c != null);
    }

    private String[] specialtyAndStateWithASpecialist(String specialty) {
        List<Map<String, Object>> items = as(stack.token("patient2"))
                .get("/api/v1/specialists?specialty=" + specialty + "&acceptingNewCases=true&size=50").then()
                .statusCode(200).extract().path("items");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> licences = (List<Map<String, Object>>) item.get("licenses");
            for (Map<String, Object> licence : licences) {
                String state = (String) licence.get("state");
                if (!"CA".equals(state) && !"NV".equals(state)) {
                    return new String[]{specialty, state};
                }
            }
        }
        throw new AssertionError("the demo directory has no " + specialty + " outside CA and NV: " + items);
    }

    private String caseIdOf(String caseReference) {
        List<Map<String, Object>> queue = as(stack.token("coordinator1")).get("/api/v1/matches?size=100").then()
                .statusCode(200).extract().path("items");
        return queue.stream().filter(q -> caseReference.equals(q.get("caseReference")))
                .map(q -> (String) q.get("caseId")).findFirst().orElse(null);
    }

    private String firstCandidate(String caseId) {
        List<Map<String, Object>> candidates = as(stack.token("coordinator1")).get("/api/v1/matches/" + caseId)
                .then().statusCode(200).extract().path("candidates");
        return candidates == null || candidates.isEmpty() ? null : (String) candidates.get(0).get("specialistId");
    }

    private RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The fenced bash blocks of the quick-start that follow a {@code <!-- quickstart:<kind> -->} marker. */
    static List<String> blocks(String kind) throws IOException {
        String markdown = Files.readString(QUICKSTART);
        Matcher m = Pattern.compile("<!-- quickstart:" + kind + " -->\\s*```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("quickstart:%s blocks in %s", kind, QUICKSTART).isNotEmpty();
        return blocks;
    }

    record Result(int exitCode, String output) {
    }

    private static Result bash(List<String> blocks, Path work, Map<String, String> env) throws Exception {
        String script = "set -euo pipefail\n" + String.join("\n", blocks);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the quick-start did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}

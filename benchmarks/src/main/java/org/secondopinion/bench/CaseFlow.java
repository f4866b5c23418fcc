package org.secondopinion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;

import java.util.concurrent.CompletionStage;

/** A patient opening and submitting a case (the README's demo case, routed to specialist1), as the apps do it. */
final class CaseFlow {

    static final String CASE = """
            {"diagnosis": {"code": "M51.26", "text": "Lumbar disc herniation"},
             "procedure": {"code": "63030", "text": "Lumbar microdiscectomy"},
             "specialty": "ORTHOPAEDIC_SURGERY", "urgency": "ROUTINE", "patientState": "CA", "preferredLanguage": "en",
             "goals": ["AVOID_SURGERY"], "questions": ["Could physical therapy come first?"],
             "recommendingSurgeon": {"name": "Dr. Sam Cutter", "institution": "Valley Surgical Group"}}""";
    static final String CONSENT = "{\"consent\": {\"version\": \"2026-01\", \"accepted\": true}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A submitted case: its id and reference, when the submit answer arrived (epoch ms) and the whole flow's time. */
    record Submitted(String caseId, String reference, long submittedAtMillis, long submittedAtNanos, long flowNanos) {
    }

    private final Http http;
    private final String caseServiceUrl;
    private final String token;

    CaseFlow(Http http, String caseServiceUrl, String token) {
        this.http = http;
        this.caseServiceUrl = caseServiceUrl;
        this.token = token;
    }

    CompletionStage<Submitted> createAndSubmit() {
        long started = System.nanoTime();
        return http.send(HttpMethod.POST, caseServiceUrl + "/api/v1/cases", token, CASE).thenCompose(created -> {
            expect(created, 201, "create");
            JsonNode body = read(created.body());
            String id = body.path("id").asText();
            if (id.isEmpty()) {
                throw new IllegalStateException("create answered " + created.status() + " without an id; body: '"
                        + created.body() + "'; headers: " + created.headers().replace('\n', ' '));
            }
            String reference = body.path("reference").asText();
            return http.send(HttpMethod.POST, caseServiceUrl + "/api/v1/cases/" + id + "/submit", token, CONSENT)
                    .thenApply(submitted -> {
                        expect(submitted, 200, "submit");
                        long now = System.nanoTime();
                        return new Submitted(id, reference, System.currentTimeMillis(), now, now - started);
                    });
        });
    }

    static void expect(Http.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}

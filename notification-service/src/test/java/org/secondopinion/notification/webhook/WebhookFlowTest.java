package org.secondopinion.notification.webhook;

import io.restassured.http.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.notification.webhook.WebhookReceiver.Received;
import org.secondopinion.platform.events.EventEnvelope;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.secondopinion.notification.webhook.WebhookClient.deliveries;
import static org.secondopinion.notification.webhook.WebhookClient.register;

@QuarkusTest
class WebhookFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Clinical details and names in the test events' payloads (CaseSubmitted); none may reach a clinic's callback. */
    private static final String[] PHI = {"M51.26", "63030", "ORTHOPAEDIC", "avoid surgery", "1234567893",
            "General Hospital", "specialist1"};

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    WebhookSecrets secrets;

    /** A clinic of its own per test: tests share one database and broker. */
    private record Clinic(String id, String token) {
        static Clinic create() {
            String id = "clinic-" + UUID.randomUUID();
            return new Clinic(id, TestTokens.clinic("client-" + id, id));
        }
    }

    /** A referred case of {@code clinic}. */
    private record Referral(UUID caseId, String reference, UUID referralId, String clinicReference) {
        static Referral create() {
            UUID caseId = UUID.randomUUID();
            return new Referral(caseId, TestEvents.newReference(), UUID.randomUUID(),
                    "ORD-" + caseId.toString().substring(0, 8));
        }

        EventEnvelope referred(ObjectMapper json, Clinic clinic, String status) {
            return TestEvents.caseReferred(json, caseId, reference, referralId, clinic.id(), clinicReference, status);
        }
    }

    @Test
    void aReferralsEventsReachItsClinicSignedInOrderAndWithoutClinicalDetails() throws Exception {
        Clinic clinic = Clinic.create();
        Clinic otherClinic = Clinic.create();
        try (WebhookReceiver receiver = WebhookReceiver.alwaysOk();
             WebhookReceiver otherReceiver = WebhookReceiver.alwaysOk()) {
            Map<String, Object> webhook = register(clinic.token(), receiver.url());
            String secret = (String) webhook.get("secret");
            // the database holds the secret sealed, not the secret (nor its random part); it still signs below
            assertThat(storedSecret(webhook.get("id"))).startsWith("v1:").isNotEqualTo(secret)
                    .doesNotContain(secret).doesNotContain(secret.substring(WebhookSigner.SECRET_PREFIX.length()));
            register(otherClinic.token(), otherReceiver.url());
            Referral referral = Referral.create();
            Referral otherReferral = Referral.create();

            // an attested referral: referred(SUBMITTED), then submitted (no news), then the match
            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "SUBMITTED"));
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, referral.caseId(), referral.reference(),
                    null));
            TestEvents.sendCaseEvent(json, otherReferral.referred(json, otherClinic, "DRAFT"));
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            TestEvents.sendMatchingEvent(json, TestEvents.matchAssigned(json, referral.caseId(), referral.reference(),
                    null, "specialist1"));

            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            List<Received> got = receiver.received();
            assertThat(got).extracting(r -> body(r).path("type").asText(), r -> body(r).at("/data/status").asText())
                    .containsExactly(tuple("referral.created", "SUBMITTED"),
                            tuple("referral.status-changed", "ASSIGNED"));
            for (Received r : got) {
                assertThat(r.header(":method")).isEqualTo("POST");
                assertThat(r.header("Content-Type")).startsWith("application/json");
                // the signature covers the exact bytes received, computed here independently of WebhookSigner
                assertThat(r.header("X-Signature"))
                        .isEqualTo("sha256=" + hmac(secret, r.header("X-Webhook-Timestamp") + "." + r.body()));
                assertThat(Long.parseLong(r.header("X-Webhook-Timestamp")))
                        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
                JsonNode body = body(r);
                assertThat(r.header("X-Webhook-Id")).isEqualTo(body.path("id").asText());
                assertThat(fieldNames(body)).containsExactly("id", "type", "occurredAt", "data");
                assertThat(fieldNames(body.path("data")))
                        .containsExactly("referralId", "clinicReference", "caseReference", "status", "claimed");
                assertThat(body.at("/data/referralId").asText()).isEqualTo(referral.referralId().toString());
                assertThat(body.at("/data/clinicReference").asText()).isEqualTo(referral.clinicReference());
                assertThat(body.at("/data/caseReference").asText()).isEqualTo(referral.reference());
                assertThat(body.at("/data/claimed").asBoolean()).isFalse();
                assertThat(Instant.parse(body.path("occurredAt").asText())).isBefore(r.at());
                assertThat(r.body()).doesNotContain(PHI);
            }

            // the history shows both, newest first, each sent at the first attempt
            List<Map<String, Object>> history = deliveries(clinic.token(), webhook.get("id"));
            assertThat(history).extracting(d -> d.get("type"), d -> d.get("status"), d -> d.get("attempts"),
                            d -> d.get("lastStatusCode"))
                    .containsExactly(tuple("referral.status-changed", "SENT", 1, 200),
                            tuple("referral.created", "SENT", 1, 200));
            assertThat(history.get(1).get("id")).isEqualTo(body(got.get(0)).path("id").asText());

            // the other clinic heard of its own referral only, and this clinic never of it
            await().atMost(WAIT).until(() -> otherReceiver.received().size() == 1);
            assertThat(body(otherReceiver.received().get(0)).at("/data/referralId").asText())
                    .isEqualTo(otherReferral.referralId().toString());
            assertThat(body(otherReceiver.received().get(0)).at("/data/status").asText()).isEqualTo("DRAFT");
            assertThat(receiver.received()).noneMatch(r -> r.body().contains(otherReferral.referralId().toString()));
        }
    }

    @Test
    void aWebhookStoredInClearBeforeEncryptionStillSignsAndIsSealedByTheStartupPass() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver receiver = WebhookReceiver.alwaysOk()) {
            UUID id = UUID.randomUUID();
            String secret = WebhookSigner.newSecret();
            // a row as V3/V4 wrote it: the secret itself in the column
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO webhook (id, clinic_id, "
                            + "url, description, secret, created_at) VALUES (?1, ?2, ?3, 'legacy', ?4, ?5)")
                    .setParameter(1, id).setParameter(2, clinic.id()).setParameter(3, receiver.url())
                    .setParameter(4, secret).setParameter(5, Instant.now()).executeUpdate());
            Referral referral = Referral.create();

            // before the pass: read as clear text, signed with it
            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "DRAFT"));
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);

            // the pass every start runs: the row is sealed (once: a second pass finds nothing in clear)
            assertThat(secrets.sealStoredSecrets().fromClear()).isGreaterThanOrEqualTo(1);
            assertThat(storedSecret(id)).startsWith("v1:").doesNotContain(secret)
                    .doesNotContain(secret.substring(WebhookSigner.SECRET_PREFIX.length()));
            String sealed = storedSecret(id);
            assertThat(secrets.sealStoredSecrets()).isEqualTo(new WebhookSecrets.Resealed(0, 0, 0));
            assertThat(storedSecret(id)).isEqualTo(sealed);

            // after it: the same secret still signs
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, referral.caseId(), referral.reference(),
                    null));
            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received()).extracting(r -> body(r).path("type").asText())
                    .containsExactly("referral.created", "referral.status-changed");
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.header("X-Signature"))
                    .isEqualTo("sha256=" + hmac(secret, r.header("X-Webhook-Timestamp") + "." + r.body())));
        }
    }

    @Test
    void aRedeliveredEventCallsTheClinicOnce() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver receiver = WebhookReceiver.alwaysOk()) {
            register(clinic.token(), receiver.url());
            Referral referral = Referral.create();
            EventEnvelope referred = referral.referred(json, clinic, "DRAFT");
            TestEvents.sendCaseEvent(json, referred);
            TestEvents.sendCaseEvent(json, referred);
            // same key, same partition: once this later event was announced, both copies above were handled
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, referral.caseId(), referral.reference(),
                    null));

            await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
            assertThat(receiver.received()).extracting(r -> body(r).path("type").asText())
                    .containsExactly("referral.created", "referral.status-changed");
        }
    }

    @Test
    void aDeliveryFailingTwiceIsSentAtTheThirdAttemptWithTheSameIdBodyAndAFreshSignature() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(2, 500)) {
            Map<String, Object> webhook = register(clinic.token(), receiver.url());
            String secret = (String) webhook.get("secret");

            TestEvents.sendCaseEvent(json, Referral.create().referred(json, clinic, "SUBMITTED"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(clinic.token(), webhook.get("id")))
                    .singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("SENT")));
            Map<String, Object> created = deliveries(clinic.token(), webhook.get("id")).get(0);
            assertThat(created).containsEntry("type", "referral.created").containsEntry("attempts", 3)
                    .containsEntry("lastStatusCode", 200).containsEntry("lastError", null)
                    .containsEntry("nextAttemptAt", null);
            assertThat(created.get("sentAt")).isNotNull();

            List<Received> got = receiver.received();
            assertThat(got).extracting(Received::answered).containsExactly(500, 500, 200);
            assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
            assertThat(got).extracting(r -> r.header("X-Webhook-Id")).containsOnly((String) created.get("id"));
            assertThat(got).allSatisfy(r -> assertThat(r.header("X-Signature"))
                    .isEqualTo("sha256=" + hmac(secret, r.header("X-Webhook-Timestamp") + "." + r.body())));
        }
    }

    @Test
    void aLaterEventOfTheReferralWaitsUntilTheEarlierOneIsDelivered() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver receiver = WebhookReceiver.always(503)) {
            Map<String, Object> webhook = register(clinic.token(), receiver.url());
            Referral referral = Referral.create();
            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "SUBMITTED"));
            await().atMost(WAIT).until(() -> !receiver.received().isEmpty());

            // ASSIGNED is recorded while created is still failing: it must not overtake it
            TestEvents.sendMatchingEvent(json, TestEvents.matchAssigned(json, referral.caseId(), referral.reference(),
                    null, "specialist1"));
            await().atMost(WAIT).until(() -> deliveries(clinic.token(), webhook.get("id")).size() == 2);
            receiver.answerAlways(200);

            await().atMost(WAIT).until(() -> deliveries(clinic.token(), webhook.get("id")).stream()
                    .allMatch(d -> "SENT".equals(d.get("status"))));
            List<Received> got = receiver.received();
            assertThat(got).hasSizeGreaterThanOrEqualTo(3);
            // every attempt at created (failed ones included) came before the first and only ASSIGNED
            assertThat(got.subList(0, got.size() - 1)).extracting(r -> body(r).path("type").asText())
                    .containsOnly("referral.created");
            assertThat(body(got.get(got.size() - 1)).path("type").asText()).isEqualTo("referral.status-changed");
            assertThat(body(got.get(got.size() - 1)).at("/data/status").asText()).isEqualTo("ASSIGNED");
            assertThat(got.get(got.size() - 2).answered()).isEqualTo(200);
        }
    }

    @Test
    void aReceiverThatAlwaysFailsEndsDeadAfterTheLastAttempt() throws Exception {
        Clinic clinic = Clinic.create();
        double deadBefore = counter("dead");
        try (WebhookReceiver receiver = WebhookReceiver.always(500)) {
            Map<String, Object> webhook = register(clinic.token(), receiver.url());
            Referral referral = Referral.create();

            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "DRAFT"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(clinic.token(), webhook.get("id")))
                    .singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("DEAD")));
            // %test.so.work.webhooks.max-attempts=6
            assertThat(deliveries(clinic.token(), webhook.get("id")).get(0))
                    .containsEntry("attempts", 6).containsEntry("lastStatusCode", 500)
                    .containsEntry("lastError", "HTTP 500").containsEntry("nextAttemptAt", null)
                    .containsEntry("sentAt", null);
            assertThat(receiver.received()).hasSize(6);
            assertThat(counter("dead")).isGreaterThanOrEqualTo(deadBefore + 1);
        }
    }

    @Test
    void aDeletedWebhookReceivesNothingMore() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver deleted = WebhookReceiver.alwaysOk(); WebhookReceiver kept = WebhookReceiver.alwaysOk()) {
            Object deletedId = register(clinic.token(), deleted.url()).get("id");
            register(clinic.token(), kept.url());
            Referral referral = Referral.create();
            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "DRAFT"));
            await().atMost(WAIT).until(() -> deleted.received().size() == 1 && kept.received().size() == 1);

            given().auth().oauth2(clinic.token()).when().delete("/api/v1/webhooks/{id}", deletedId)
                    .then().statusCode(204);
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, referral.caseId(), referral.reference(),
                    null));
            TestEvents.sendCaseEvent(json, TestEvents.caseClaimed(json, referral.caseId(), referral.reference(),
                    referral.referralId(), clinic.id(), "patient-" + referral.caseId(), "SUBMITTED"));

            // the kept webhook heard both events: they were handled, and the deleted one got neither
            await().atMost(WAIT).until(() -> kept.received().size() == 3);
            assertThat(kept.received()).extracting(r -> body(r).path("type").asText(),
                            r -> body(r).at("/data/status").asText(), r -> body(r).at("/data/claimed").asBoolean())
                    .containsExactly(tuple("referral.created", "DRAFT", false),
                            tuple("referral.status-changed", "SUBMITTED", false),
                            tuple("referral.claimed", "SUBMITTED", true));
            assertThat(deleted.received()).hasSize(1);
        }
    }

    @Test
    void aWebhookGetsOnlyTheKindsItSubscribedTo() throws Exception {
        Clinic clinic = Clinic.create();
        try (WebhookReceiver claimsOnly = WebhookReceiver.alwaysOk(); WebhookReceiver all = WebhookReceiver.alwaysOk()) {
            Map<String, Object> subscribed = given().auth().oauth2(clinic.token()).contentType(ContentType.JSON)
                    .body(Map.of("url", claimsOnly.url(), "events", List.of("referral.claimed")))
                    .when().post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("");
            assertThat(subscribed.get("events")).isEqualTo(List.of("referral.claimed"));
            register(clinic.token(), all.url());
            Referral referral = Referral.create();
            TestEvents.sendCaseEvent(json, referral.referred(json, clinic, "DRAFT"));
            TestEvents.sendCaseEvent(json, TestEvents.caseClaimed(json, referral.caseId(), referral.reference(),
                    referral.referralId(), clinic.id(), "patient-" + referral.caseId(), "DRAFT"));

            await().atMost(WAIT).until(() -> all.received().size() == 2 && claimsOnly.received().size() == 1);
            assertThat(body(claimsOnly.received().get(0)).path("type").asText()).isEqualTo("referral.claimed");
            // and nothing more arrives for it
            await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> claimsOnly.received().size() == 1);
        }
    }

    private JsonNode body(Received received) {
        try {
            return json.readTree(received.rawBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The {@code secret} column of a webhook, as the database holds it. */
    private String storedSecret(Object webhookId) {
        UUID id = webhookId instanceof UUID u ? u : UUID.fromString(webhookId.toString());
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT secret FROM webhook WHERE id = ?1").setParameter(1, id).getSingleResult());
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** webhooks_delivered_total{outcome=...} as Prometheus scrapes it (0 before the first such outcome). */
    private static double counter(String outcome) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("webhooks_delivered_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}

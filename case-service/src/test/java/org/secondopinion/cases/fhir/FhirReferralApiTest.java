package org.secondopinion.cases.fhir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.casefile.Urgency;
import org.secondopinion.cases.referral.Referral;
import org.secondopinion.infra.testing.TestTokens;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** A partner clinic's FHIR R4 system refers patients and reads their progress, against the real DB and broker. */
@QuarkusTest
class FhirReferralApiTest {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String CLINIC = "clinic-a";

    @Inject
    EntityManager em;

    @Test
    void serviceRequestExampleCreatesADraftCaseWithEveryMappedField() {
        String reference = "ORD-" + UUID.randomUUID();
        ExtractableResponse<Response> created = post("/api/v1/fhir/ServiceRequest", CLINIC, null,
                FhirExamples.withReference(FhirExamples.SERVICE_REQUEST, reference))
                .statusCode(201)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("ServiceRequest"))
                .body("status", equalTo("draft"))
                .body("identifier.find { it.system == 'urn:secondopinion:clinic-reference' }.value", equalTo(reference))
                .body("identifier.find { it.system == 'urn:secondopinion:case-reference' }.value",
                        startsWith("SO-"))
                .body("identifier.find { it.system == 'urn:secondopinion:claim-code' }.period.end", not(nullValue()))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/fhir/ServiceRequest/" + id);
        String claimCode = created.path("identifier.find { it.system == 'urn:secondopinion:claim-code' }.value");
        assertThat(claimCode).isNotBlank();

        // read back: the order as we hold it, without the claim code or any clinical note
        get("/api/v1/fhir/ServiceRequest/" + id, CLINIC).statusCode(200)
                .contentType(startsWith(FHIR_JSON))
                .body("id", equalTo(id))
                .body("status", equalTo("draft"))
                .body("priority", equalTo("routine"))
                .body("code.coding[0].system", equalTo(FhirReferralMapper.CPT))
                .body("code.coding[0].code", equalTo("63030"))
                .body("reasonCode[0].coding[0].system", equalTo(FhirReferralMapper.ICD10CM))
                .body("reasonCode[0].coding[0].code", equalTo("M51.26"))
                .body("performerType.coding.code", hasItem("207X00000X"))
                .body("requester.display", equalTo("Dr. Sam Cutter"))
                .body("identifier.system", not(hasItem(FhirReferralViews.CLAIM_CODE)))
                .body("note", nullValue())
                .body(not(containsString("radicular")));
        get("/api/v1/fhir/Task/" + id, CLINIC).statusCode(200)
                .body("resourceType", equalTo("Task"))
                .body("status", equalTo("draft"))
                .body("businessStatus.coding[0].system", equalTo(FhirStatusMapping.CASE_STATUS))
                .body("businessStatus.coding[0].code", equalTo("DRAFT"))
                .body("focus.reference", equalTo("ServiceRequest/" + id));
        clinic(CLINIC).get("/api/v1/referrals/{id}", id).then().statusCode(200)
                .body("clinicReference", equalTo(reference))
                .body("status", equalTo("DRAFT"))
                .body("consentAttested", equalTo(false));

        // what the mapper read from the contained Patient, Condition and PractitionerRole is what the case holds
        QuarkusTransaction.requiringNew().run(() -> {
            Referral referral = em.find(Referral.class, UUID.fromString(id));
            assertThat(referral.channel).isEqualTo(Referral.Channel.FHIR);
            assertThat(referral.patientGivenName).isEqualTo("Ana Maria");
            assertThat(referral.patientFamilyName).isEqualTo("Silva");
            assertThat(referral.patientBirthDate).isEqualTo(LocalDate.of(1971, 3, 14));
            assertThat(referral.patientEmail).isEqualTo("ana.silva@example.org");
            assertThat(referral.patientPhone).isEqualTo("+14155550123");
            PatientCase c = em.find(PatientCase.class, referral.caseId);
            assertThat(c.diagnosisText).isEqualTo("Other intervertebral disc displacement, lumbar region");
            assertThat(c.procedureText).isEqualTo("Lumbar microdiscectomy");
            assertThat(c.specialty).isEqualTo("ORTHOPAEDIC_SURGERY");
            assertThat(c.urgency).isEqualTo(Urgency.ROUTINE);
            assertThat(c.patientState).isEqualTo("CA");
            assertThat(c.preferredLanguage).isEqualTo("pt");
            assertThat(c.history).startsWith("Eight months of radicular pain");
            assertThat(c.surgeonNpi).isEqualTo("1234567893");
            assertThat(c.surgeonInstitution).isEqualTo("Valley Surgical");
        });

        // the claim code works like the JSON API's: the patient claims, submits, and the clinic sees it move on
        given().auth().oauth2(TestTokens.patient("fhir-patient-ana")).contentType("application/json")
                .body(Map.of("code", claimCode)).post("/api/v1/cases/claim").then().statusCode(200);
        UUID caseId = QuarkusTransaction.requiringNew().call(() -> em.find(Referral.class, UUID.fromString(id)).caseId);
        CaseApi.submit("fhir-patient-ana", caseId).statusCode(200);
        get("/api/v1/fhir/Task/" + id, CLINIC).statusCode(200)
                .body("status", equalTo("requested"))
                .body("businessStatus.coding[0].code", equalTo("SUBMITTED"))
                .body("executionPeriod.start", not(nullValue()));
        get("/api/v1/fhir/ServiceRequest/" + id, CLINIC).statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void transactionBundleWithActiveConsentSubmitsTheCaseAtOnce() {
        String reference = "ORD-" + UUID.randomUUID();
        ExtractableResponse<Response> answer = post("/api/v1/fhir", CLINIC, null,
                FhirExamples.withReference(FhirExamples.BUNDLE, reference))
                .statusCode(200)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry.size()", equalTo(5))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].response.location", startsWith("ServiceRequest/"))
                .body("entry[0].resource.status", equalTo("active"))
                .body("entry[0].resource.identifier.system", hasItem(FhirReferralViews.CLAIM_CODE))
                .body("entry[1].response.status", equalTo("200 OK"))
                .extract();
        String id = answer.path("entry[0].resource.id");

        get("/api/v1/fhir/Task/" + id, CLINIC).statusCode(200)
                .body("status", equalTo("requested"))
                .body("businessStatus.coding[0].code", equalTo("SUBMITTED"));
        get("/api/v1/fhir/ServiceRequest/" + id, CLINIC).statusCode(200)
                .body("code.coding[0].code", equalTo("22630"))
                .body("reasonCode[0].coding[0].code", equalTo("M43.16"))
                .body("performerType.coding.code", hasItem("NEUROSURGERY"));
        clinic(CLINIC).get("/api/v1/referrals/{id}", id).then().statusCode(200)
                .body("clinicReference", equalTo(reference))
                .body("status", equalTo("SUBMITTED"))
                .body("consentAttested", equalTo(true));
        QuarkusTransaction.requiringNew().run(() -> {
            Referral referral = em.find(Referral.class, UUID.fromString(id));
            assertThat(referral.consentVersion).isEqualTo("2026-01");
            PatientCase c = em.find(PatientCase.class, referral.caseId);
            assertThat(c.patientState).isEqualTo("NV");
            assertThat(c.surgeonName).isEqualTo("Dr. Lee Park");
            assertThat(c.consentVersion()).isEqualTo("2026-01");
        });
    }

    @ParameterizedTest(name = "{0} → {1} {2} at {3}")
    @CsvSource({
            "invalid-not-json.txt,              400, structure, '',                                 not a FHIR R4 resource",
            "invalid-wrong-resource-type.json,  400, invalid,   '',                                 not a Patient",
            "invalid-unknown-element.json,      400, structure, priorty,                            priorty",
            "invalid-missing-diagnosis.json,    422, required,  ServiceRequest.reasonCode,          ICD-10-CM",
            "invalid-bad-cpt.json,              422, value,     ServiceRequest.code.coding[0].code, CPT"})
    void invalidExamplesAreRefusedWithAnOperationOutcomeAndCreateNothing(String example, int status, String code,
                                                                         String expression, String diagnostics) {
        long before = total(CLINIC);

        ValidatableResponse refused = post("/api/v1/fhir/ServiceRequest", CLINIC, UUID.randomUUID().toString(),
                FhirExamples.withFreshReference(example))
                .statusCode(status)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo(code))
                .body("issue[0].diagnostics", containsString(diagnostics));
        if (!expression.isEmpty()) {
            refused.body("issue[0].expression", hasItem(expression));
        }
        assertThat(total(CLINIC)).isEqualTo(before);
    }

    @Test
    void urgentReferralCarriesItsSurgeryDateAndWithoutOneNamesTheOccurrence() {
        String urgent = FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST).replace("\"priority\": \"routine\"",
                "\"priority\": \"urgent\"");
        long before = total(CLINIC);
        // the case's rule (an urgent case needs a surgery date) is checked by the case service: still a FHIR answer
        post("/api/v1/fhir/ServiceRequest", CLINIC, null, urgent).statusCode(422)
                .contentType(startsWith(FHIR_JSON))
                .body("issue[0].expression", hasItem("ServiceRequest.occurrenceDateTime"))
                .body("issue[0].diagnostics", containsString("URGENT"));
        assertThat(total(CLINIC)).isEqualTo(before);

        String surgery = LocalDate.now().plusDays(7).toString();
        String id = post("/api/v1/fhir/ServiceRequest", CLINIC, null, urgent.replace("\"priority\": \"urgent\"",
                "\"priority\": \"urgent\", \"occurrenceDateTime\": \"" + surgery + "\""))
                .statusCode(201).extract().path("id");
        get("/api/v1/fhir/ServiceRequest/" + id, CLINIC).statusCode(200)
                .body("priority", equalTo("urgent"))
                .body("occurrenceDateTime", equalTo(surgery));
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstAnswerAndCreatesOneReferral() {
        String key = UUID.randomUUID().toString();
        String body = FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST);
        long before = total(CLINIC);

        ExtractableResponse<Response> first = post("/api/v1/fhir/ServiceRequest", CLINIC, key, body)
                .statusCode(201).extract();
        // the same resource, differently laid out, is the same request
        String reformatted = body.replace("\n", " ").replace("  ", " ");
        ExtractableResponse<Response> retry = post("/api/v1/fhir/ServiceRequest", CLINIC, key, reformatted)
                .statusCode(201).header("Idempotent-Replayed", "true").extract();

        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(total(CLINIC)).isEqualTo(before + 1);

        post("/api/v1/fhir/ServiceRequest", CLINIC, key, body.replace("63030", "63047")).statusCode(422)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("Idempotency-Key"));
        post("/api/v1/fhir/ServiceRequest", CLINIC, "not a key", FhirExamples.withFreshReference(
                FhirExamples.SERVICE_REQUEST)).statusCode(400)
                .contentType(startsWith(FHIR_JSON))
                .body("issue[0].diagnostics", containsString("Idempotency-Key"));
        assertThat(total(CLINIC)).isEqualTo(before + 1);
    }

    @Test
    void aClinicReferenceUsedBeforeIsADuplicate() {
        String body = FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST);
        post("/api/v1/fhir/ServiceRequest", CLINIC, null, body).statusCode(201);
        long before = total(CLINIC);

        post("/api/v1/fhir/ServiceRequest", CLINIC, null, body).statusCode(409)
                .contentType(startsWith(FHIR_JSON))
                .body("issue[0].code", equalTo("duplicate"))
                .body("issue[0].expression", hasItem("ServiceRequest.identifier[0].value"));
        assertThat(total(CLINIC)).isEqualTo(before);
    }

    @Test
    void anotherClinicsReferralIsNotFound() {
        String id = post("/api/v1/fhir/ServiceRequest", CLINIC, null,
                FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST)).statusCode(201).extract().path("id");

        for (String path : List.of("/api/v1/fhir/ServiceRequest/", "/api/v1/fhir/Task/")) {
            get(path + id, "clinic-b").statusCode(404)
                    .contentType(startsWith(FHIR_JSON))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].code", equalTo("not-found"));
            get(path + UUID.randomUUID(), CLINIC).statusCode(404).body("issue[0].code", equalTo("not-found"));
            get(path + "not-a-referral-id", CLINIC).statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        }
    }

    @Test
    void securityRefusalsStayThePlatformsProblemJson() {
        given().contentType(FHIR_JSON).body(FhirExamples.read(FhirExamples.SERVICE_REQUEST))
                .post("/api/v1/fhir/ServiceRequest").then().statusCode(401);
        given().auth().oauth2(TestTokens.patient("fhir-patient-bo")).contentType(FHIR_JSON)
                .body(FhirExamples.read(FhirExamples.SERVICE_REQUEST))
                .post("/api/v1/fhir/ServiceRequest").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.patient("fhir-patient-bo"))
                .get("/api/v1/fhir/Task/" + UUID.randomUUID()).then().statusCode(403);
        // a clinic client we have not tied to a clinic may not refer anyone
        given().auth().oauth2(TestTokens.of("clinic-without-id", "clinic")).contentType(FHIR_JSON)
                .body(FhirExamples.read(FhirExamples.SERVICE_REQUEST))
                .post("/api/v1/fhir/ServiceRequest").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("clinic_id"));
        // a clinic token fetched by a client that is not a partner clinic's (its azp): not a clinic here
        String otherClient = TestTokens.clinicIssuedTo("some-other-app", "fhir-azp", "fhir-azp");
        given().auth().oauth2(otherClient).contentType(FHIR_JSON)
                .body(FhirExamples.read(FhirExamples.SERVICE_REQUEST))
                .post("/api/v1/fhir/ServiceRequest").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("some-other-app"));
        given().auth().oauth2(otherClient).get("/api/v1/fhir/Task/" + UUID.randomUUID()).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void capabilityStatementTellsFhirClientsWhatWeDo() {
        get("/api/v1/fhir/metadata", CLINIC).statusCode(200)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("rest[0].interaction.code", hasItem("transaction"))
                .body("rest[0].resource.find { it.type == 'ServiceRequest' }.interaction.code", hasItem("create"))
                .body("rest[0].resource.find { it.type == 'Task' }.interaction.code", hasItem("read"));
    }

    private static RequestSpecification clinic(String clinicId) {
        return given().auth().oauth2(TestTokens.clinic(clinicId, clinicId));
    }

    private static ValidatableResponse post(String path, String clinicId, String idempotencyKey, String body) {
        RequestSpecification request = clinic(clinicId).contentType(FHIR_JSON).accept(FHIR_JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(path).then();
    }

    private static ValidatableResponse get(String path, String clinicId) {
        return clinic(clinicId).accept(FHIR_JSON).get(path).then();
    }

    private static long total(String clinicId) {
        return ((Number) clinic(clinicId).get("/api/v1/referrals?size=1").then().statusCode(200)
                .extract().path("total")).longValue();
    }
}

package org.secondopinion.cases.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.casefile.Urgency;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FHIR resources → the referral the JSON API takes, without Quarkus: the mapping table of docs/FHIR-MAPPING.md. */
class FhirReferralMapperTest {

    private static FhirJson json;
    private static Validator validator;
    private final FhirReferralMapper mapper = new FhirReferralMapper();

    @BeforeAll
    static void setUp() {
        json = new FhirJson(FhirContext.forR4());
        validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    }

    @Test
    void serviceRequestWithContainedResourcesMapsToEveryReferralField() {
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(serviceRequest(FhirExamples.SERVICE_REQUEST));

        assertThat(mapped.issues()).isEmpty();
        ReferralRequest r = mapped.request();
        assertThat(r.clinicReference()).isEqualTo("REPLACE-WITH-YOUR-ORDER-NUMBER");
        assertThat(r.patient().givenName()).isEqualTo("Ana Maria");
        assertThat(r.patient().familyName()).isEqualTo("Silva");
        assertThat(r.patient().birthDate()).isEqualTo(LocalDate.of(1971, 3, 14));
        assertThat(r.patient().contact().email()).isEqualTo("ana.silva@example.org");
        assertThat(r.patient().contact().phone()).isEqualTo("+14155550123");
        assertThat(r.diagnosis().code()).isEqualTo("M51.26");
        assertThat(r.diagnosis().text()).isEqualTo("Other intervertebral disc displacement, lumbar region");
        assertThat(r.procedure().code()).isEqualTo("63030");
        assertThat(r.procedure().text()).isEqualTo("Lumbar microdiscectomy");
        assertThat(r.specialty()).isEqualTo("ORTHOPAEDIC_SURGERY");
        assertThat(r.urgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(r.scheduledDate()).isNull();
        assertThat(r.patientState()).isEqualTo("CA");
        assertThat(r.preferredLanguage()).isEqualTo("pt");
        assertThat(r.history()).startsWith("Eight months of radicular pain");
        assertThat(r.recommendingSurgeon().name()).isEqualTo("Dr. Sam Cutter");
        assertThat(r.recommendingSurgeon().npi()).isEqualTo("1234567893");
        assertThat(r.recommendingSurgeon().institution()).isEqualTo("Valley Surgical");
        assertThat(r.consent().attested()).isFalse();
        assertThat(validator.validate(r)).isEmpty();
        assertThat(mapped.sources()).containsEntry("clinicReference", "ServiceRequest.identifier[0].value")
                .containsEntry("procedure.code", "ServiceRequest.code.coding[0].code")
                .containsEntry("diagnosis.code", "Condition.code.coding[0].code")
                .containsEntry("patient.contact.email", "Patient.telecom[1].value");
    }

    @Test
    void transactionBundleResolvesReferencesByFullUrlAndReadsTheActiveConsent() {
        FhirReferralMapper.Mapped mapped = mapper.fromBundle(bundle(FhirExamples.BUNDLE));

        assertThat(mapped.issues()).isEmpty();
        ReferralRequest r = mapped.request();
        assertThat(r.clinicReference()).isEqualTo("REPLACE-WITH-YOUR-ORDER-NUMBER");
        assertThat(r.patient().givenName()).isEqualTo("James");
        assertThat(r.patient().contact().phone()).isEqualTo("+17025550188");
        assertThat(r.diagnosis().code()).isEqualTo("M43.16");
        assertThat(r.procedure().code()).isEqualTo("22630");
        assertThat(r.specialty()).isEqualTo("NEUROSURGERY");
        assertThat(r.patientState()).isEqualTo("NV");
        assertThat(r.preferredLanguage()).isEqualTo("en");
        assertThat(r.recommendingSurgeon().name()).isEqualTo("Dr. Lee Park");
        assertThat(r.recommendingSurgeon().npi()).isEqualTo("1245319599");
        assertThat(r.consent().attested()).isTrue();
        assertThat(r.consent().version()).isEqualTo("2026-01");
        assertThat(validator.validate(r)).isEmpty();
    }

    @Test
    void diagnosisWithoutAnIcd10CmCodingIsRequiredAtReasonCodeOrCondition() {
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(
                serviceRequest("invalid-missing-diagnosis.json"));

        assertThat(mapped.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(IssueType.REQUIRED);
            assertThat(issue.expression()).containsExactly("ServiceRequest.reasonCode", "Condition.code");
            assertThat(issue.diagnostics()).contains(FhirReferralMapper.ICD10CM);
        });
        // Bean Validation's "diagnosis must not be null" would only repeat the issue
        assertThat(ReferralViolations.toIssues(validator.validate(mapped.request()), mapped.sources(),
                mapped.reported())).isEmpty();
    }

    @Test
    void malformedCptCodeIsNamedAtTheCodingItCameFrom() {
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(serviceRequest("invalid-bad-cpt.json"));

        assertThat(mapped.issues()).isEmpty();
        Set<ConstraintViolation<ReferralRequest>> violations = validator.validate(mapped.request());
        assertThat(ReferralViolations.toIssues(violations, mapped.sources(), mapped.reported()))
                .singleElement().satisfies(issue -> {
                    assertThat(issue.code()).isEqualTo(IssueType.VALUE);
                    assertThat(issue.expression()).containsExactly("ServiceRequest.code.coding[0].code");
                    assertThat(issue.diagnostics()).contains("CPT").contains("procedure.code");
                });
    }

    @Test
    void missingValuesAreNamedWhereTheyBelongInFhir() {
        String body = FhirExamples.read(FhirExamples.SERVICE_REQUEST)
                .replace("{ \"system\": \"email\", \"value\": \"ana.silva@example.org\" }",
                        "{ \"system\": \"fax\", \"value\": \"+14155550199\" }")
                .replace("\"birthDate\": \"1971-03-14\",", "");
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(parse(body, ServiceRequest.class));

        List<FhirIssue> issues = ReferralViolations.toIssues(validator.validate(mapped.request()), mapped.sources(),
                mapped.reported());
        assertThat(issues).extracting(FhirIssue::expression)
                .containsExactlyInAnyOrder(List.of("Patient.birthDate"), List.of("Patient.telecom"));
        assertThat(issues).allMatch(issue -> issue.code() == IssueType.REQUIRED);
        assertThat(issues).anyMatch(issue -> issue.diagnostics().contains("system 'email'"));
    }

    @Test
    void unknownNuccTaxonomyIsRefusedWithTheCodesWeMatch() {
        String body = FhirExamples.read(FhirExamples.SERVICE_REQUEST).replace("207X00000X", "207Q00000X");
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(parse(body, ServiceRequest.class));

        assertThat(mapped.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(IssueType.VALUE);
            assertThat(issue.expression()).containsExactly("ServiceRequest.performerType.coding[0].code");
            assertThat(issue.diagnostics()).contains("207Q00000X").contains("207X00000X ORTHOPAEDIC_SURGERY");
        });
    }

    @Test
    void priorityAndOccurrenceGiveUrgencyAndTheScheduledDay() {
        String body = FhirExamples.read(FhirExamples.SERVICE_REQUEST).replace("\"priority\": \"routine\"",
                "\"priority\": \"asap\", \"occurrencePeriod\": { \"start\": \"2030-05-10T23:30:00-07:00\" }");
        ReferralRequest r = mapper.fromServiceRequest(parse(body, ServiceRequest.class)).request();

        assertThat(r.urgency()).isEqualTo(Urgency.URGENT);
        // the clinic's calendar day, not the UTC one (which would be the 11th)
        assertThat(r.scheduledDate()).isEqualTo(LocalDate.of(2030, 5, 10));
    }

    @Test
    void aMonthIsNotADate() {
        String body = FhirExamples.read(FhirExamples.SERVICE_REQUEST).replace("\"priority\": \"routine\"",
                "\"priority\": \"routine\", \"occurrenceDateTime\": \"2030-05\"");
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(parse(body, ServiceRequest.class));

        assertThat(mapped.issues()).singleElement().satisfies(issue ->
                assertThat(issue.expression()).containsExactly("ServiceRequest.occurrenceDateTime"));
    }

    @Test
    void subjectThatIsNeitherContainedNorInTheBundleIsNotFollowed() {
        String body = FhirExamples.read(FhirExamples.SERVICE_REQUEST)
                .replace("\"subject\": { \"reference\": \"#patient\" },\n  \"authoredOn\"",
                        "\"subject\": { \"reference\": \"Patient/4711\" },\n  \"authoredOn\"");
        FhirReferralMapper.Mapped mapped = mapper.fromServiceRequest(parse(body, ServiceRequest.class));

        assertThat(mapped.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(IssueType.NOTFOUND);
            assertThat(issue.expression()).containsExactly("ServiceRequest.subject");
            assertThat(issue.diagnostics()).contains("Patient/4711");
        });
        assertThat(mapped.request().patient()).isNull();
    }

    @Test
    void activeConsentMustNameTheVersionOfOurConsentForm() {
        String body = FhirExamples.read(FhirExamples.BUNDLE)
                .replace("urn:secondopinion:consent-form:2026-01", "https://clinic-a.example.org/consent/v3");
        FhirReferralMapper.Mapped mapped = mapper.fromBundle(parse(body, Bundle.class));

        assertThat(mapped.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(IssueType.REQUIRED);
            assertThat(issue.expression()).containsExactly("Consent.policy");
        });
    }

    @Test
    void consentThatIsNotActiveIsNotAnAttestation() {
        String body = FhirExamples.read(FhirExamples.BUNDLE).replace("\"status\": \"active\",\n        \"scope\"",
                "\"status\": \"proposed\",\n        \"scope\"");
        ReferralRequest r = mapper.fromBundle(parse(body, Bundle.class)).request();

        assertThat(r.consent().attested()).isFalse();
        assertThat(r.consent().version()).isNull();
    }

    @Test
    void bundleMustBeOneTransactionWithOneServiceRequestAndNothingElseOfOurs() {
        String batch = FhirExamples.read(FhirExamples.BUNDLE).replace("\"type\": \"transaction\"", "\"type\": \"batch\"");
        assertThatThrownBy(() -> mapper.fromBundle(parse(batch, Bundle.class)))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.issues().get(0).expression()).containsExactly("Bundle.type");
                });

        String observation = FhirExamples.read(FhirExamples.BUNDLE).replace("\"resourceType\": \"Condition\"",
                "\"resourceType\": \"Observation\", \"status\": \"final\"");
        assertThatThrownBy(() -> mapper.fromBundle(parse(observation, Bundle.class)))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> assertThat(problem.issues())
                        .anyMatch(issue -> issue.expression().equals(List.of("Bundle.entry[2].resource"))
                                && issue.code() == IssueType.NOTSUPPORTED));

        Bundle empty = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        assertThatThrownBy(() -> mapper.fromBundle(empty))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> assertThat(problem.issues())
                        .singleElement().satisfies(issue -> assertThat(issue.expression())
                                .containsExactly("Bundle.entry")));
    }

    @Test
    void strictParserRefusesUnknownElementsBadValuesAndNonJson() {
        assertThatThrownBy(() -> json.parse(FhirExamples.read("invalid-unknown-element.json")))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.issues().get(0).code()).isEqualTo(IssueType.STRUCTURE);
                    assertThat(problem.issues().get(0).expression()).singleElement().asString().contains("priorty");
                });
        String badDate = FhirExamples.read(FhirExamples.SERVICE_REQUEST).replace("1971-03-14", "1971-13-45");
        assertThatThrownBy(() -> json.parse(badDate))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.issues().get(0).code()).isEqualTo(IssueType.VALUE);
                    assertThat(problem.issues().get(0).diagnostics()).contains("birthDate");
                });
        assertThatThrownBy(() -> json.parse(FhirExamples.read("invalid-not-json.txt")))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
        assertThatThrownBy(() -> json.parse("{\"resourceType\": \"NoSuchThing\"}"))
                .isInstanceOfSatisfying(FhirProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
    }

    private static ServiceRequest serviceRequest(String example) {
        return parse(FhirExamples.read(example), ServiceRequest.class);
    }

    private static Bundle bundle(String example) {
        return parse(FhirExamples.read(example), Bundle.class);
    }

    private static <T> T parse(String body, Class<T> type) {
        return type.cast(json.parse(body));
    }
}

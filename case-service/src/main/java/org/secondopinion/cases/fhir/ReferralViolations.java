package org.secondopinion.cases.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bean Validation's verdict on the mapped referral, said in FHIR terms: each violation of a referral field becomes an
 * issue whose expression is the element the value came from, or, for a missing value, where it belongs.
 */
final class ReferralViolations {

    /** Where each referral field lives in FHIR when the clinic did not send it (docs/FHIR-MAPPING.md). */
    static final Map<String, String> WHERE = Map.ofEntries(
            Map.entry("clinicReference", "ServiceRequest.identifier"),
            Map.entry("patient", "ServiceRequest.subject"),
            Map.entry("patient.givenName", "Patient.name.given"),
            Map.entry("patient.familyName", "Patient.name.family"),
            Map.entry("patient.birthDate", "Patient.birthDate"),
            Map.entry("patient.contact", "Patient.telecom"),
            Map.entry("patient.contact.email", "Patient.telecom"),
            Map.entry("patient.contact.phone", "Patient.telecom"),
            Map.entry("diagnosis", "ServiceRequest.reasonCode"),
            Map.entry("diagnosis.code", "ServiceRequest.reasonCode.coding.code"),
            Map.entry("diagnosis.text", "ServiceRequest.reasonCode.text"),
            Map.entry("procedure", "ServiceRequest.code"),
            Map.entry("procedure.code", "ServiceRequest.code.coding.code"),
            Map.entry("procedure.text", "ServiceRequest.code.text"),
            Map.entry("specialty", "ServiceRequest.performerType"),
            Map.entry("urgency", "ServiceRequest.priority"),
            Map.entry("scheduledDate", "ServiceRequest.occurrenceDateTime"),
            Map.entry("patientState", "Patient.address.state"),
            Map.entry("preferredLanguage", "Patient.communication.language"),
            Map.entry("history", "ServiceRequest.note"),
            Map.entry("recommendingSurgeon", "ServiceRequest.requester"),
            Map.entry("recommendingSurgeon.name", "Practitioner.name"),
            Map.entry("recommendingSurgeon.npi", "Practitioner.identifier"),
            Map.entry("recommendingSurgeon.institution", "Organization.name"),
            Map.entry("consent", "Consent"),
            Map.entry("consent.attested", "Consent.status"),
            Map.entry("consent.version", "Consent.policy"));

    /** What the clinic should send where a required value is missing. */
    private static final Map<String, String> HINTS = Map.of(
            "patient.contact.email", "a telecom with system 'email'",
            "patient.contact.phone", "a telecom with system 'phone' or 'sms'",
            "patient.givenName", "the patient's given name",
            "patient.familyName", "the patient's family name",
            "patientState", "the state of residence, a USPS code such as CA",
            "diagnosis.text", "the coding's display or the concept's text",
            "procedure.text", "the coding's display or the concept's text");

    private ReferralViolations() {
    }

    static List<FhirIssue> toIssues(Set<? extends ConstraintViolation<?>> violations, Map<String, String> sources,
                                    Set<String> reported) {
        return violations.stream()
                .map(v -> new Object[]{field(v), v})
                .filter(pair -> !alreadyReported((String) pair[0], reported))
                .sorted(Comparator.comparing(pair -> (String) pair[0]))
                .map(pair -> issue((String) pair[0], (ConstraintViolation<?>) pair[1], sources))
                .distinct()
                .toList();
    }

    /** The referral field as a dotted path, without Bean Validation's container markers. */
    static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
    }

    /** Where a referral field's value came from, else where it belongs; the nearest known parent otherwise. */
    static String fhirPath(String field, Map<String, String> sources) {
        for (String f = field; f != null; f = parent(f)) {
            if (sources.containsKey(f)) {
                return sources.get(f);
            }
            if (WHERE.containsKey(f)) {
                return WHERE.get(f);
            }
        }
        return "ServiceRequest";
    }

    private static FhirIssue issue(String field, ConstraintViolation<?> violation, Map<String, String> sources) {
        String path = fhirPath(field, sources);
        Class<? extends Annotation> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        boolean missing = constraint == NotNull.class || constraint == NotBlank.class || constraint == NotEmpty.class;
        String hint = missing && HINTS.containsKey(field) ? ": " + HINTS.get(field) : "";
        return FhirIssue.at(missing ? IssueType.REQUIRED : IssueType.VALUE, path,
                path + " " + violation.getMessage() + " (referral field " + field + hint + ")");
    }

    private static boolean alreadyReported(String field, Set<String> reported) {
        for (String f = field; f != null; f = parent(f)) {
            if (reported.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String field) {
        int dot = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
        return dot < 0 ? null : field.substring(0, dot);
    }
}

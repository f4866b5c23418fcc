package org.secondopinion.cases.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.secondopinion.cases.casefile.CaseDtos.Diagnosis;
import org.secondopinion.cases.casefile.CaseDtos.Procedure;
import org.secondopinion.cases.casefile.CaseDtos.Surgeon;
import org.secondopinion.cases.casefile.Urgency;
import org.secondopinion.cases.referral.ReferralDtos.ConsentAttestation;
import org.secondopinion.cases.referral.ReferralDtos.Contact;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;
import org.secondopinion.cases.referral.ReferralDtos.ReferredPatient;
import org.secondopinion.platform.reference.Specialty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FHIR R4 referral → the {@link ReferralRequest} the JSON API takes, so both channels share one set of rules
 * (docs/FHIR-MAPPING.md is the table). It checks only what Bean Validation on the request cannot: which coding system
 * a code is in, whether references reach something, the Bundle's shape. For every field it fills it remembers the
 * FHIR path it came from ({@link Mapped#sources()}), so that a violation found later names the clinic's element, not
 * ours. Plain Java: unit-tested without Quarkus.
 */
public final class FhirReferralMapper {

    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String NUCC = "http://nucc.org/provider-taxonomy";
    public static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    /** Our specialty codes ({@code ORTHOPAEDIC_SURGERY}) as a coding system, for clinics that speak them already. */
    public static final String SPECIALTY = "urn:secondopinion:specialty";
    /** {@code Consent.policy.uri} naming the version of our consent form the patient signed. */
    public static final String CONSENT_FORM = "urn:secondopinion:consent-form:";
    /** Identifier systems of ours; a clinic's identifier is any other. */
    static final String OUR_SYSTEMS = "urn:secondopinion:";

    /** Resource types a transaction Bundle may hold besides its one ServiceRequest. */
    private static final Set<String> BUNDLE_TYPES = Set.of("ServiceRequest", "Patient", "Condition", "Consent",
            "Practitioner", "PractitionerRole", "Organization");

    /**
     * @param request what the FHIR resources say, as far as they could be read (fields may be missing or invalid:
     *                Bean Validation judges them next)
     * @param sources referral field ({@code patient.birthDate}) → the FHIR path its value came from
     * @param issues  our rules the resources break
     * @param reported referral fields an issue already speaks about (their violations would only repeat it)
     */
    public record Mapped(ReferralRequest request, Map<String, String> sources, List<FhirIssue> issues,
                         Set<String> reported) {
    }

    /** A ServiceRequest on its own: Patient, Condition, Practitioner and Consent may be contained in it. */
    public Mapped fromServiceRequest(ServiceRequest serviceRequest) {
        return new Run(ResourceIndex.of(serviceRequest)).map(serviceRequest);
    }

    /**
     * A transaction Bundle with exactly one ServiceRequest and the resources it references. Its shape is checked
     * first: without one ServiceRequest there is nothing to map (422 at once).
     */
    public Mapped fromBundle(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw FhirProblem.unprocessable(IssueType.VALUE, "Bundle.type", "Bundle.type must be 'transaction' "
                    + "(was " + (bundle.hasType() ? bundle.getType().toCode() : "missing") + ")");
        }
        List<FhirIssue> shape = new ArrayList<>();
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String at = "Bundle.entry[" + i + "]";
            if (!entry.hasResource()) {
                shape.add(FhirIssue.at(IssueType.REQUIRED, at + ".resource", at + ".resource is required"));
                continue;
            }
            String type = entry.getResource().fhirType();
            if (!BUNDLE_TYPES.contains(type)) {
                shape.add(FhirIssue.at(IssueType.NOTSUPPORTED, at + ".resource", at + ".resource: a referral does "
                        + "not take a " + type + "; allowed are " + String.join(", ", new java.util.TreeSet<>(BUNDLE_TYPES))
                        + " (the patient adds records after claiming the case)"));
            }
            if (entry.hasRequest() && entry.getRequest().hasMethod()
                    && entry.getRequest().getMethod() != Bundle.HTTPVerb.POST) {
                shape.add(FhirIssue.at(IssueType.NOTSUPPORTED, at + ".request.method", at + ".request.method must be "
                        + "POST: a referral only creates"));
            }
            if (entry.getResource() instanceof ServiceRequest serviceRequest) {
                requests.add(serviceRequest);
            }
        }
        if (requests.size() != 1) {
            shape.add(FhirIssue.at(requests.isEmpty() ? IssueType.REQUIRED : IssueType.INVALID, "Bundle.entry",
                    "Bundle.entry must hold exactly one ServiceRequest (found " + requests.size() + ")"));
        }
        if (!shape.isEmpty()) {
            throw new FhirProblem(422, shape);
        }
        ServiceRequest serviceRequest = requests.get(0);
        return new Run(ResourceIndex.of(bundle, serviceRequest)).map(serviceRequest);
    }

    private record Coded(String code, String text) {
    }

    /** One mapping: the index of reachable resources, the issues found and where each value came from. */
    private static final class Run {
        private final ResourceIndex index;
        private final List<FhirIssue> issues = new ArrayList<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Set<String> reported = new HashSet<>();

        Run(ResourceIndex index) {
            this.index = index;
        }

        Mapped map(ServiceRequest sr) {
            checkStatus(sr);
            Patient patient = patient(sr);
            ReferralRequest request = new ReferralRequest(
                    clinicReference(sr),
                    patient == null ? null : referredPatient(patient),
                    diagnosis(sr),
                    procedure(sr),
                    specialty(sr),
                    urgency(sr),
                    scheduledDate(sr),
                    patient == null ? null : state(patient),
                    patient == null ? null : language(patient),
                    null, null, null, // goals and questions: the patient states them after claiming the case
                    history(sr),
                    null,
                    surgeon(sr),
                    consent(sr, patient));
            return new Mapped(request, Map.copyOf(sources), List.copyOf(issues), Set.copyOf(reported));
        }

        private void checkStatus(ServiceRequest sr) {
            if (sr.hasStatus() && sr.getStatus() != ServiceRequest.ServiceRequestStatus.ACTIVE) {
                issue(IssueType.VALUE, "ServiceRequest.status", null, "ServiceRequest.status must be 'active' "
                        + "for a referral we act on (was '" + sr.getStatus().toCode() + "')");
            }
        }

        private String clinicReference(ServiceRequest sr) {
            List<Identifier> identifiers = sr.getIdentifier();
            for (int i = 0; i < identifiers.size(); i++) {
                Identifier identifier = identifiers.get(i);
                if (identifier.hasValue() && !(identifier.hasSystem() && identifier.getSystem().startsWith(OUR_SYSTEMS))) {
                    sources.put("clinicReference", "ServiceRequest.identifier[" + i + "].value");
                    return identifier.getValue();
                }
            }
            issue(IssueType.REQUIRED, "ServiceRequest.identifier", "clinicReference", "ServiceRequest.identifier "
                    + "with your own reference for this referral (your system and a value) is required");
            return null;
        }

        private Patient patient(ServiceRequest sr) {
            if (!sr.hasSubject()) {
                issue(IssueType.REQUIRED, "ServiceRequest.subject", "patient", "ServiceRequest.subject is required: "
                        + "a reference to the Patient, contained or in the Bundle");
                return null;
            }
            return resolve(sr.getSubject(), Patient.class, "ServiceRequest.subject", "patient").orElse(null);
        }

        private ReferredPatient referredPatient(Patient patient) {
            String given = null;
            String family = null;
            int n = pick(patient.getName(), name -> name.getUse() == HumanName.NameUse.OFFICIAL);
            if (n >= 0) {
                HumanName name = patient.getName().get(n);
                if (name.hasGiven()) {
                    given = name.getGiven().stream().map(StringType::getValue).filter(v -> v != null && !v.isBlank())
                            .collect(Collectors.joining(" "));
                    sources.put("patient.givenName", "Patient.name[" + n + "].given");
                }
                if (name.hasFamily()) {
                    family = name.getFamily();
                    sources.put("patient.familyName", "Patient.name[" + n + "].family");
                }
            }
            LocalDate birthDate = null;
            if (patient.hasBirthDateElement() && patient.getBirthDateElement().getValue() != null) {
                birthDate = date(patient.getBirthDateElement(), "Patient.birthDate", "patient.birthDate");
                sources.put("patient.birthDate", "Patient.birthDate");
            }
            return new ReferredPatient(given, family, birthDate, contact(patient));
        }

        private Contact contact(Patient patient) {
            List<ContactPoint> telecom = patient.getTelecom();
            int e = pick(telecom, t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL && t.hasValue(), false);
            int p = pick(telecom, t -> (t.getSystem() == ContactPoint.ContactPointSystem.PHONE
                    || t.getSystem() == ContactPoint.ContactPointSystem.SMS) && t.hasValue()
                    && t.getUse() == ContactPoint.ContactPointUse.MOBILE, false);
            if (p < 0) {
                p = pick(telecom, t -> (t.getSystem() == ContactPoint.ContactPointSystem.PHONE
                        || t.getSystem() == ContactPoint.ContactPointSystem.SMS) && t.hasValue(), false);
            }
            if (e >= 0) {
                sources.put("patient.contact.email", "Patient.telecom[" + e + "].value");
            }
            if (p >= 0) {
                sources.put("patient.contact.phone", "Patient.telecom[" + p + "].value");
            }
            return new Contact(e >= 0 ? telecom.get(e).getValue() : null, p >= 0 ? telecom.get(p).getValue() : null);
        }

        private String state(Patient patient) {
            int a = pick(patient.getAddress(), address -> address.hasState()
                    && address.getUse() == org.hl7.fhir.r4.model.Address.AddressUse.HOME, false);
            if (a < 0) {
                a = pick(patient.getAddress(), org.hl7.fhir.r4.model.Address::hasState, false);
            }
            if (a < 0) {
                return null;
            }
            sources.put("patientState", "Patient.address[" + a + "].state");
            return patient.getAddress().get(a).getState().trim();
        }

        /** BCP 47 tag ({@code en-US}) → its ISO 639-1 language ({@code en}). */
        private String language(Patient patient) {
            List<Patient.PatientCommunicationComponent> communication = patient.getCommunication();
            int c = pick(communication, Patient.PatientCommunicationComponent::getPreferred);
            if (c < 0) {
                return null;
            }
            String path = "Patient.communication[" + c + "].language";
            CodeableConcept language = communication.get(c).getLanguage();
            Optional<Coding> coding = language.getCoding().stream().filter(Coding::hasCode).findFirst();
            if (coding.isEmpty()) {
                issue(IssueType.REQUIRED, path, "preferredLanguage", path + " needs a coding with a BCP 47 code "
                        + "such as en or es-MX (system urn:ietf:bcp:47)");
                return null;
            }
            sources.put("preferredLanguage", path + ".coding[" + language.getCoding().indexOf(coding.get()) + "].code");
            return coding.get().getCode().split("-")[0].toLowerCase(Locale.ROOT);
        }

        private Diagnosis diagnosis(ServiceRequest sr) {
            for (int i = 0; i < sr.getReasonCode().size(); i++) {
                Coded found = coded(sr.getReasonCode().get(i), ICD10CM, "ServiceRequest.reasonCode[" + i + "]",
                        "diagnosis");
                if (found != null) {
                    return new Diagnosis(found.code(), found.text());
                }
            }
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < sr.getReasonReference().size(); i++) {
                Optional<Resource> target = index.resolve(sr.getReasonReference().get(i));
                if (target.isPresent() && target.get() instanceof Condition condition) {
                    conditions.add(condition);
                }
            }
            // a Bundle's Conditions count even when the ServiceRequest does not reference them (the issue's example)
            index.all(Condition.class).stream().filter(c -> !conditions.contains(c)).forEach(conditions::add);
            for (Condition condition : conditions) {
                if (condition.hasCode()) {
                    Coded found = coded(condition.getCode(), ICD10CM, "Condition.code", "diagnosis");
                    if (found != null) {
                        return new Diagnosis(found.code(), found.text());
                    }
                }
            }
            issue(IssueType.REQUIRED, List.of("ServiceRequest.reasonCode", "Condition.code"), "diagnosis",
                    "a diagnosis coded in ICD-10-CM (system " + ICD10CM + ") is required, in ServiceRequest.reasonCode "
                            + "or in the code of a Condition (referenced by reasonReference, contained or in the Bundle)");
            return null;
        }

        private Procedure procedure(ServiceRequest sr) {
            if (sr.hasCode()) {
                Coded found = coded(sr.getCode(), CPT, "ServiceRequest.code", "procedure");
                if (found != null) {
                    return new Procedure(found.code(), found.text());
                }
            }
            issue(IssueType.REQUIRED, "ServiceRequest.code", "procedure", "ServiceRequest.code needs a coding of the "
                    + "proposed procedure in CPT (system " + CPT + ")" + foundSystems(sr.getCode()));
            return null;
        }

        /** The first coding in {@code system}: code and text (its display, else the concept's text). */
        private Coded coded(CodeableConcept concept, String system, String path, String field) {
            List<Coding> codings = concept.getCoding();
            for (int j = 0; j < codings.size(); j++) {
                Coding coding = codings.get(j);
                if (system.equals(coding.getSystem())) {
                    sources.put(field + ".code", path + ".coding[" + j + "].code");
                    String text = coding.hasDisplay() ? coding.getDisplay() : concept.getText();
                    sources.put(field + ".text", coding.hasDisplay() ? path + ".coding[" + j + "].display" : path + ".text");
                    sources.put(field, path);
                    return new Coded(coding.getCode(), text);
                }
            }
            return null;
        }

        private String specialty(ServiceRequest sr) {
            List<Coding> codings = sr.getPerformerType().getCoding();
            for (int j = 0; j < codings.size(); j++) {
                Coding coding = codings.get(j);
                String path = "ServiceRequest.performerType.coding[" + j + "].code";
                Optional<Specialty> specialty;
                if (NUCC.equals(coding.getSystem())) {
                    specialty = Arrays.stream(Specialty.values())
                            .filter(s -> s.nuccTaxonomyCode().equals(coding.getCode())).findFirst();
                } else if (SPECIALTY.equals(coding.getSystem())) {
                    specialty = Specialty.fromCode(coding.getCode());
                } else {
                    continue;
                }
                if (specialty.isEmpty()) {
                    issue(IssueType.VALUE, path, "specialty", path + ": " + coding.getCode() + " is not a specialty "
                            + "we match; use one of " + supportedSpecialties());
                    return null;
                }
                sources.put("specialty", path);
                return specialty.get().name();
            }
            issue(IssueType.REQUIRED, "ServiceRequest.performerType", "specialty", "ServiceRequest.performerType "
                    + "needs a coding of the specialty wanted, in NUCC (system " + NUCC + ") or as our code (system "
                    + SPECIALTY + "): " + supportedSpecialties());
            return null;
        }

        private Urgency urgency(ServiceRequest sr) {
            if (!sr.hasPriority()) {
                return null;
            }
            sources.put("urgency", "ServiceRequest.priority");
            return FhirStatusMapping.urgency(sr.getPriority());
        }

        private LocalDate scheduledDate(ServiceRequest sr) {
            if (!sr.hasOccurrence()) {
                return null;
            }
            Type occurrence = sr.getOccurrence();
            if (occurrence instanceof DateTimeType dateTime && dateTime.getValue() != null) {
                sources.put("scheduledDate", "ServiceRequest.occurrenceDateTime");
                return date(dateTime, "ServiceRequest.occurrenceDateTime", "scheduledDate");
            }
            if (occurrence instanceof Period period && period.getStartElement().getValue() != null) {
                sources.put("scheduledDate", "ServiceRequest.occurrencePeriod.start");
                return date(period.getStartElement(), "ServiceRequest.occurrencePeriod.start", "scheduledDate");
            }
            issue(IssueType.NOTSUPPORTED, "ServiceRequest.occurrence", "scheduledDate", "ServiceRequest.occurrence: "
                    + "give the date of the planned surgery as occurrenceDateTime or occurrencePeriod.start");
            return null;
        }

        /** The calendar day as the clinic wrote it (in its own time zone), at least to the day. */
        private LocalDate date(BaseDateTimeType value, String path, String field) {
            if (value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
                issue(IssueType.VALUE, path, field, path + " must be a full date (YYYY-MM-DD)");
                return null;
            }
            return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
        }

        private String history(ServiceRequest sr) {
            List<String> notes = sr.getNote().stream().map(Annotation::getText)
                    .filter(text -> text != null && !text.isBlank()).toList();
            if (notes.isEmpty()) {
                return null;
            }
            sources.put("history", "ServiceRequest.note");
            return String.join("\n\n", notes);
        }

        /** The requester: a Practitioner, a PractitionerRole (practitioner + organization), or just its display. */
        private Surgeon surgeon(ServiceRequest sr) {
            if (!sr.hasRequester()) {
                return null;
            }
            Reference requester = sr.getRequester();
            Optional<Resource> target = index.resolve(requester);
            if (target.isEmpty()) {
                if (requester.hasReference()) {
                    unreachable(requester, "ServiceRequest.requester", "recommendingSurgeon");
                    return null;
                }
                if (!requester.hasDisplay()) {
                    return null;
                }
                sources.put("recommendingSurgeon.name", "ServiceRequest.requester.display");
                return new Surgeon(requester.getDisplay(), null, null);
            }
            Resource resource = target.get();
            if (resource instanceof Practitioner practitioner) {
                return practitioner(practitioner, null);
            }
            if (resource instanceof PractitionerRole role) {
                String institution = null;
                if (role.hasOrganization()) {
                    Optional<Resource> organization = index.resolve(role.getOrganization());
                    if (organization.isPresent() && organization.get() instanceof Organization org && org.hasName()) {
                        institution = org.getName();
                        sources.put("recommendingSurgeon.institution", "Organization.name");
                    } else if (role.getOrganization().hasDisplay()) {
                        institution = role.getOrganization().getDisplay();
                        sources.put("recommendingSurgeon.institution", "PractitionerRole.organization.display");
                    }
                }
                if (role.hasPractitioner()) {
                    Optional<Resource> practitioner = index.resolve(role.getPractitioner());
                    if (practitioner.isPresent() && practitioner.get() instanceof Practitioner p) {
                        return practitioner(p, institution);
                    }
                    if (role.getPractitioner().hasDisplay()) {
                        sources.put("recommendingSurgeon.name", "PractitionerRole.practitioner.display");
                        return new Surgeon(role.getPractitioner().getDisplay(), null, institution);
                    }
                }
                issue(IssueType.REQUIRED, "PractitionerRole.practitioner", "recommendingSurgeon",
                        "PractitionerRole.practitioner must name the recommending surgeon (a contained or Bundle "
                                + "Practitioner, or a display)");
                return null;
            }
            // an Organization (or anything else) names no surgeon: the referral goes on without one
            return null;
        }

        private Surgeon practitioner(Practitioner practitioner, String institution) {
            String name = null;
            int n = pick(practitioner.getName(), HumanName::hasText);
            if (n >= 0) {
                HumanName humanName = practitioner.getName().get(n);
                name = humanName.hasText() ? humanName.getText() : humanName.getNameAsSingleString();
                sources.put("recommendingSurgeon.name", "Practitioner.name[" + n + "]");
            }
            String npi = null;
            int i = pick(practitioner.getIdentifier(), id -> NPI.equals(id.getSystem()) && id.hasValue(), false);
            if (i >= 0) {
                npi = practitioner.getIdentifier().get(i).getValue();
                sources.put("recommendingSurgeon.npi", "Practitioner.identifier[" + i + "].value");
            }
            return new Surgeon(name == null || name.isBlank() ? null : name, npi, institution);
        }

        /**
         * The Consent the clinic attests: referenced by ServiceRequest.supportingInfo, else any in the request.
         * Active means attested; the version of our consent form is {@code Consent.policy.uri}
         * {@value #CONSENT_FORM}{@code <version>}. No Consent: the patient consents after claiming the case.
         */
        private ConsentAttestation consent(ServiceRequest sr, Patient patient) {
            Consent consent = sr.getSupportingInfo().stream().map(index::resolve).flatMap(Optional::stream)
                    .filter(Consent.class::isInstance).map(Consent.class::cast).findFirst()
                    .orElseGet(() -> index.all(Consent.class).stream().findFirst().orElse(null));
            if (consent == null || consent.getStatus() != Consent.ConsentState.ACTIVE) {
                return new ConsentAttestation(false, null);
            }
            sources.put("consent", "Consent.status");
            if (consent.hasPatient() && patient != null) {
                Optional<Resource> whose = index.resolve(consent.getPatient());
                if (whose.isPresent() && whose.get() != patient) {
                    issue(IssueType.VALUE, "Consent.patient", "consent", "Consent.patient must be the patient "
                            + "of ServiceRequest.subject");
                }
            }
            List<Consent.ConsentPolicyComponent> policies = consent.getPolicy();
            for (int i = 0; i < policies.size(); i++) {
                String uri = policies.get(i).getUri();
                if (uri != null && uri.startsWith(CONSENT_FORM) && uri.length() > CONSENT_FORM.length()) {
                    sources.put("consent.version", "Consent.policy[" + i + "].uri");
                    return new ConsentAttestation(true, uri.substring(CONSENT_FORM.length()));
                }
            }
            issue(IssueType.REQUIRED, "Consent.policy", "consent.version", "Consent.policy needs a uri "
                    + CONSENT_FORM + "<version> naming the version of our consent form the patient signed "
                    + "(e.g. " + CONSENT_FORM + "2026-01)");
            return new ConsentAttestation(true, null);
        }

        private <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type, String path, String field) {
            Optional<Resource> target = index.resolve(reference);
            if (target.isEmpty()) {
                unreachable(reference, path, field);
                return Optional.empty();
            }
            if (!type.isInstance(target.get())) {
                issue(IssueType.VALUE, path, field, path + " must reference a " + type.getSimpleName() + ", not a "
                        + target.get().fhirType());
                return Optional.empty();
            }
            return Optional.of(type.cast(target.get()));
        }

        private void unreachable(Reference reference, String path, String field) {
            issue(IssueType.NOTFOUND, path, field, path + " (" + (reference.hasReference() ? reference.getReference()
                    : "no reference") + ") must reach a resource contained in the ServiceRequest or an entry of the "
                    + "Bundle: we do not fetch resources from other servers");
        }

        private void issue(IssueType code, String path, String field, String diagnostics) {
            issue(code, path == null ? List.of() : List.of(path), field, diagnostics);
        }

        private void issue(IssueType code, List<String> paths, String field, String diagnostics) {
            issues.add(new FhirIssue(code, paths, diagnostics));
            if (field != null) {
                reported.add(field);
            }
        }

        private static String foundSystems(CodeableConcept concept) {
            String systems = concept == null ? "" : concept.getCoding().stream().map(Coding::getSystem)
                    .filter(s -> s != null).distinct().collect(Collectors.joining(", "));
            return systems.isEmpty() ? "" : "; found only " + systems;
        }

        private static String supportedSpecialties() {
            return Arrays.stream(Specialty.values()).sorted(Comparator.comparing(Specialty::name))
                    .map(s -> s.nuccTaxonomyCode() + " " + s.name()).collect(Collectors.joining(", "));
        }

        /** Index of the first element matching {@code preferred}, else of the first element; -1 when empty. */
        private static <T> int pick(List<T> items, java.util.function.Predicate<T> preferred) {
            return pick(items, preferred, true);
        }

        private static <T> int pick(List<T> items, java.util.function.Predicate<T> preferred, boolean fallBackToFirst) {
            for (int i = 0; i < items.size(); i++) {
                if (preferred.test(items.get(i))) {
                    return i;
                }
            }
            return fallBackToFirst && !items.isEmpty() ? 0 : -1;
        }
    }
}

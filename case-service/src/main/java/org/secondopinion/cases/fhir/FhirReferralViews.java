package org.secondopinion.cases.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.referral.Referral;
import org.secondopinion.platform.reference.Specialty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * What a clinic reads back about its referral in FHIR: the ServiceRequest as we hold it and a Task for the work on it.
 * It carries the coded order (procedure, diagnosis, specialty, priority, date, surgeon, as the case holds them) and
 * the case's progress; never the history, goals, questions, the specialist or the opinion, and the patient only as a
 * display. Plain Java.
 */
public final class FhirReferralViews {

    public static final String CLINIC_REFERENCE = "urn:secondopinion:clinic-reference";
    public static final String CASE_REFERENCE = "urn:secondopinion:case-reference";
    /** The patient's one-time claim code: only in the answer that created the referral (and its replays). */
    public static final String CLAIM_CODE = "urn:secondopinion:claim-code";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private FhirReferralViews() {
    }

    /** @param claimCode the claim code in clear when the referral was just created, else null */
    public static ServiceRequest serviceRequest(Referral referral, PatientCase c, String claimCode) {
        CaseStatus status = c.status();
        ServiceRequest sr = new ServiceRequest();
        sr.setId(referral.id.toString());
        sr.getMeta().setLastUpdated(date(c.updatedAt()));
        sr.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(CLINIC_REFERENCE)
                .setValue(referral.clinicReference);
        sr.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem(CASE_REFERENCE).setValue(c.reference);
        if (claimCode != null) {
            Identifier code = sr.addIdentifier().setUse(Identifier.IdentifierUse.TEMP).setSystem(CLAIM_CODE)
                    .setValue(claimCode);
            code.setPeriod(new Period().setEnd(date(referral.claimCodeExpiresAt())));
        }
        sr.setStatus(FhirStatusMapping.requestStatus(status));
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.setPriority(FhirStatusMapping.priority(c.urgency));
        if (c.procedureCode != null) {
            sr.setCode(concept(FhirReferralMapper.CPT, c.procedureCode, c.procedureText));
        }
        if (c.diagnosisCode != null) {
            sr.addReasonCode(concept(FhirReferralMapper.ICD10CM, c.diagnosisCode, c.diagnosisText));
        }
        Specialty.fromCode(c.specialty).ifPresent(s -> sr.setPerformerType(new CodeableConcept()
                .addCoding(new Coding(FhirReferralMapper.NUCC, s.nuccTaxonomyCode(), s.displayName()))
                .addCoding(new Coding(FhirReferralMapper.SPECIALTY, s.name(), s.displayName()))));
        if (c.scheduledDate != null) {
            sr.setOccurrence(day(c.scheduledDate));
        }
        sr.setSubject(patient(referral));
        sr.setAuthoredOnElement(new DateTimeType(date(referral.createdAt), TemporalPrecisionEnum.SECOND, UTC));
        if (c.surgeonName != null) {
            Reference requester = new Reference().setType("Practitioner").setDisplay(c.surgeonName);
            if (c.surgeonNpi != null) {
                requester.setIdentifier(new Identifier().setSystem(FhirReferralMapper.NPI).setValue(c.surgeonNpi));
            }
            sr.setRequester(requester);
        }
        return sr;
    }

    /** The work on the referral: status and businessStatus from the case, focus on the ServiceRequest. */
    public static Task task(Referral referral, PatientCase c) {
        CaseStatus status = c.status();
        Task task = new Task();
        task.setId(referral.id.toString());
        task.getMeta().setLastUpdated(date(c.updatedAt()));
        task.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem(CASE_REFERENCE).setValue(c.reference);
        task.setStatus(FhirStatusMapping.taskStatus(status));
        task.setBusinessStatus(new CodeableConcept()
                .addCoding(new Coding(FhirStatusMapping.CASE_STATUS, status.name(), FhirStatusMapping.describe(status)))
                .setText(FhirStatusMapping.describe(status)));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setPriority(c.urgency == null ? null : switch (c.urgency) {
            case ROUTINE -> Task.TaskPriority.ROUTINE;
            case URGENT -> Task.TaskPriority.URGENT;
        });
        Reference serviceRequest = new Reference("ServiceRequest/" + referral.id);
        task.setFocus(serviceRequest);
        task.addBasedOn(serviceRequest.copy());
        task.setFor(patient(referral));
        task.setAuthoredOnElement(new DateTimeType(date(referral.createdAt), TemporalPrecisionEnum.SECOND, UTC));
        task.setLastModifiedElement(new DateTimeType(date(c.updatedAt()), TemporalPrecisionEnum.SECOND, UTC));
        Instant ended = c.closedAt() != null ? c.closedAt() : c.cancelledAt();
        if (c.submittedAt() != null || ended != null) {
            Period execution = new Period();
            if (c.submittedAt() != null) {
                execution.setStartElement(new DateTimeType(date(c.submittedAt()), TemporalPrecisionEnum.SECOND, UTC));
            }
            if (ended != null) {
                execution.setEndElement(new DateTimeType(date(ended), TemporalPrecisionEnum.SECOND, UTC));
            }
            task.setExecutionPeriod(execution);
        }
        return task;
    }

    /**
     * The answer to a transaction Bundle: one entry per request entry, in order. The ServiceRequest entry is created;
     * the others were taken into the referral and are not kept as resources of their own.
     */
    public static Bundle transactionResponse(Bundle request, ServiceRequest created) {
        Bundle response = new Bundle();
        response.setId(UUID.randomUUID().toString());
        response.setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Bundle.BundleEntryComponent entry : request.getEntry()) {
            Bundle.BundleEntryComponent answer = response.addEntry();
            if (entry.getResource() instanceof ServiceRequest) {
                answer.setFullUrl("ServiceRequest/" + created.getIdElement().getIdPart());
                answer.setResource(created);
                answer.getResponse().setStatus("201 Created")
                        .setLocation("ServiceRequest/" + created.getIdElement().getIdPart())
                        .setLastModified(created.getMeta().getLastUpdated());
            } else {
                OperationOutcome note = new OperationOutcome();
                note.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                        .setDiagnostics("taken into ServiceRequest/" + created.getIdElement().getIdPart()
                                + "; not kept as a resource of its own");
                answer.getResponse().setStatus("200 OK").setOutcome(note);
            }
        }
        return response;
    }

    /**
     * What FHIR clients read at {@code metadata} before they talk to us (HAPI's client does by default): JSON only,
     * ServiceRequest create and read, Task read, transactions, OAuth2 bearer tokens.
     */
    public static CapabilityStatement capabilityStatement(String baseUrl) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDateElement(new DateTimeType("2026-04-01"));
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.getSoftware().setName("Second Opinion case-service");
        cs.getImplementation().setDescription("Partner clinics' referrals (docs/FHIR-MAPPING.md)").setUrl(baseUrl);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        cs.addFormat("json");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().addService(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("OAuth2 client-credentials bearer token with a clinic_id claim");
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("one ServiceRequest with its Patient, Condition and optionally Consent and requester");
        CapabilityStatement.CapabilityStatementRestResourceComponent serviceRequest = rest.addResource()
                .setType("ServiceRequest");
        serviceRequest.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
        serviceRequest.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        rest.addResource().setType("Task").addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        return cs;
    }

    public static OperationOutcome outcome(List<FhirIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (FhirIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(issue.code())
                    .setDiagnostics(issue.diagnostics());
            issue.expression().forEach(component::addExpression);
        }
        return outcome;
    }

    /** The patient stays in the case service: the clinic knows whom it referred, by its own reference. */
    private static Reference patient(Referral referral) {
        return new Reference().setType("Patient").setDisplay("the patient you referred as " + referral.clinicReference);
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
    }

    private static DateTimeType day(LocalDate date) {
        DateTimeType value = new DateTimeType();
        value.setValueAsString(date.toString());
        return value;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}

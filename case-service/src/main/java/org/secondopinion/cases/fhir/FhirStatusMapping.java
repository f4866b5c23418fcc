package org.secondopinion.cases.fhir;

import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.Urgency;

/**
 * Our case lifecycle (DESIGN §4) in FHIR's words (docs/FHIR-MAPPING.md, "Status"). Exhaustive switches: a new case
 * status does not compile until it has a FHIR meaning. FHIR's codes are coarser than ours, so the exact status also
 * travels as {@code Task.businessStatus} in {@value #CASE_STATUS}.
 */
public final class FhirStatusMapping {

    /** Code system of {@code Task.businessStatus}: our {@link CaseStatus} names. */
    public static final String CASE_STATUS = "urn:secondopinion:case-status";

    private FhirStatusMapping() {
    }

    /** Where the referral stands for the clinic's order: waiting, being worked on, done or withdrawn. */
    public static ServiceRequestStatus requestStatus(CaseStatus status) {
        return switch (status) {
            case DRAFT -> ServiceRequestStatus.DRAFT;
            case SUBMITTED, UNMATCHED, ASSIGNED, IN_REVIEW, AWAITING_INFORMATION -> ServiceRequestStatus.ACTIVE;
            case OPINION_DELIVERED, CLOSED -> ServiceRequestStatus.COMPLETED;
            case CANCELLED -> ServiceRequestStatus.REVOKED;
        };
    }

    /** Where the work on it stands: FHIR's Task state machine is close to ours. */
    public static TaskStatus taskStatus(CaseStatus status) {
        return switch (status) {
            // not actionable until the patient has claimed the case and consented
            case DRAFT -> TaskStatus.DRAFT;
            // action is sought: matching runs (UNMATCHED: a coordinator is finding a specialist)
            case SUBMITTED, UNMATCHED -> TaskStatus.REQUESTED;
            case ASSIGNED -> TaskStatus.ACCEPTED;
            case IN_REVIEW -> TaskStatus.INPROGRESS;
            // the specialist waits for information from the patient
            case AWAITING_INFORMATION -> TaskStatus.ONHOLD;
            case OPINION_DELIVERED, CLOSED -> TaskStatus.COMPLETED;
            case CANCELLED -> TaskStatus.CANCELLED;
        };
    }

    /** The words for {@code Task.businessStatus.text}; no clinical content. */
    public static String describe(CaseStatus status) {
        return switch (status) {
            case DRAFT -> "Waiting for the patient to claim the case and consent";
            case SUBMITTED -> "Submitted; finding a specialist";
            case UNMATCHED -> "No eligible specialist yet; a care coordinator is on it";
            case ASSIGNED -> "A specialist accepted the case";
            case IN_REVIEW -> "The specialist is reviewing the case";
            case AWAITING_INFORMATION -> "The specialist asked the patient for more information";
            case OPINION_DELIVERED -> "The second opinion was delivered to the patient";
            case CLOSED -> "Closed";
            case CANCELLED -> "Cancelled";
        };
    }

    /** {@code ServiceRequest.priority}: anything faster than routine means surgery within 14 days for us. */
    public static Urgency urgency(ServiceRequestPriority priority) {
        return switch (priority) {
            case ROUTINE -> Urgency.ROUTINE;
            case URGENT, ASAP, STAT -> Urgency.URGENT;
            case NULL -> null;
        };
    }

    public static ServiceRequestPriority priority(Urgency urgency) {
        return urgency == null ? null : switch (urgency) {
            case ROUTINE -> ServiceRequestPriority.ROUTINE;
            case URGENT -> ServiceRequestPriority.URGENT;
        };
    }
}

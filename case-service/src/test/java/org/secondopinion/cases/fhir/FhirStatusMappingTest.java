package org.secondopinion.cases.fhir;

import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.Urgency;

import static org.assertj.core.api.Assertions.assertThat;

/** The status table of docs/FHIR-MAPPING.md, row by row, without Quarkus. */
class FhirStatusMappingTest {

    @ParameterizedTest(name = "{0} → Task {1}, ServiceRequest {2}")
    @CsvSource({
            "DRAFT, DRAFT, DRAFT",
            "SUBMITTED, REQUESTED, ACTIVE",
            "UNMATCHED, REQUESTED, ACTIVE",
            "ASSIGNED, ACCEPTED, ACTIVE",
            "IN_REVIEW, INPROGRESS, ACTIVE",
            "AWAITING_INFORMATION, ONHOLD, ACTIVE",
            "OPINION_DELIVERED, COMPLETED, COMPLETED",
            "CLOSED, COMPLETED, COMPLETED",
            "CANCELLED, CANCELLED, REVOKED"})
    void caseStatusIsSaidInFhirCodes(CaseStatus status, TaskStatus task, ServiceRequestStatus request) {
        assertThat(FhirStatusMapping.taskStatus(status)).isEqualTo(task);
        assertThat(FhirStatusMapping.requestStatus(status)).isEqualTo(request);
        assertThat(FhirStatusMapping.describe(status)).isNotBlank();
    }

    @Test
    void everyCaseStatusHasARowInTheTable() {
        // the parameterized rows above must cover the enum: a new status needs a documented FHIR meaning
        assertThat(CaseStatus.values()).hasSize(9);
    }

    @ParameterizedTest(name = "priority {0} → {1}")
    @CsvSource({"ROUTINE, ROUTINE", "URGENT, URGENT", "ASAP, URGENT", "STAT, URGENT"})
    void anythingFasterThanRoutineIsUrgent(ServiceRequestPriority priority, Urgency urgency) {
        assertThat(FhirStatusMapping.urgency(priority)).isEqualTo(urgency);
    }

    @Test
    void urgencyReadsBackAsTheMatchingPriority() {
        assertThat(FhirStatusMapping.priority(Urgency.ROUTINE)).isEqualTo(ServiceRequestPriority.ROUTINE);
        assertThat(FhirStatusMapping.priority(Urgency.URGENT)).isEqualTo(ServiceRequestPriority.URGENT);
        assertThat(FhirStatusMapping.priority(null)).isNull();
    }
}

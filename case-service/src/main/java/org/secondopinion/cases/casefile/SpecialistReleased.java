package org.secondopinion.cases.casefile;

import java.util.UUID;

/**
 * A CDI event fired inside the transaction that takes a case away from its specialist: a reassignment to another one
 * or the patient's withdrawal. What was arranged with that specialist (an upcoming consult) ends with it.
 *
 * @param patientCase  the case, as the transaction holds it
 * @param specialistId the specialist the case no longer belongs to
 * @param why          the reason the patient and the specialist read
 */
public record SpecialistReleased(PatientCase patientCase, UUID specialistId, String why) {
}

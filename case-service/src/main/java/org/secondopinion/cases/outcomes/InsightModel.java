package org.secondopinion.cases.outcomes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.opinion.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keeps the insights read model ({@code outcome_insight}) in step with the cases, in the transaction of each change:
 * a row when the opinion is delivered, the latest answer when the patient records one. Writes are idempotent (upsert
 * and overwrite with the newest answer), so running one twice changes nothing; the figures read this table only.
 */
@ApplicationScoped
public class InsightModel {

    private final EntityManager em;

    public InsightModel(EntityManager em) {
        this.em = em;
    }

    /** The opinion on {@code c} was delivered at {@code at}: the case enters the figures. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void opinionDelivered(PatientCase c, Verdict verdict, Instant at) {
        @SuppressWarnings("unchecked")
        List<Object[]> referral = em.createNativeQuery("SELECT clinic_id, patient_birth_date FROM referral WHERE case_id = ?1")
                .setParameter(1, c.id).getResultList();
        String clinicId = referral.isEmpty() ? null : (String) referral.get(0)[0];
        Integer age = referral.isEmpty() || referral.get(0)[1] == null ? null
                : ageAt(toLocalDate(referral.get(0)[1]), at);
        Long turnaround = c.submittedAt() == null ? null : Duration.between(c.submittedAt(), at).toSeconds();
        em.createNativeQuery("INSERT INTO outcome_insight (case_id, origin, clinic_id, specialty, procedure_code, urgency, "
                        + "patient_state, patient_age, submitted_at, opinion_delivered_at, turnaround_seconds, verdict) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (case_id) DO UPDATE SET "
                        + "verdict = EXCLUDED.verdict, opinion_delivered_at = EXCLUDED.opinion_delivered_at, "
                        + "turnaround_seconds = EXCLUDED.turnaround_seconds")
                .setParameter(1, c.id)
                .setParameter(2, c.origin.name())
                .setParameter(3, clinicId)
                .setParameter(4, c.specialty)
                .setParameter(5, c.procedureCode)
                .setParameter(6, c.urgency.name())
                .setParameter(7, c.patientState)
                .setParameter(8, age)
                .setParameter(9, c.submittedAt())
                .setParameter(10, at)
                .setParameter(11, turnaround)
                .setParameter(12, verdict == null ? null : verdict.name())
                .executeUpdate();
    }

    /** The patient's newest answer replaces the previous one in the figures. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outcomeRecorded(CaseOutcome o) {
        em.createNativeQuery("UPDATE outcome_insight SET decision = ?2, agreement = ?3, plan_changed = ?4, "
                        + "confidence_before = ?5, confidence_after = ?6, surgery_performed = ?7, surgery_month = ?8, "
                        + "revisions = ?9, decided_at = ?10 WHERE case_id = ?1 AND revisions < ?9")
                .setParameter(1, o.caseId)
                .setParameter(2, o.decision.name())
                .setParameter(3, o.agreement.name())
                .setParameter(4, o.planChanged)
                .setParameter(5, o.confidenceBefore)
                .setParameter(6, o.confidenceAfter)
                .setParameter(7, o.surgeryPerformed)
                .setParameter(8, o.surgeryMonth)
                .setParameter(9, o.revision)
                .setParameter(10, o.recordedAt)
                .executeUpdate();
    }

    static Integer ageAt(LocalDate birthDate, Instant at) {
        return Period.between(birthDate, LocalDate.ofInstant(at, ZoneOffset.UTC)).getYears();
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }
}

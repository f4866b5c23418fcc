package org.secondopinion.cases.insights;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cases straight into the insights read model, for tests that need more of them than the API makes quickly. */
final class InsightSeeds {

    private InsightSeeds() {
    }

    /** {@code n} cases with a delivered opinion (48 hours after submission) straight into the read model. */
    static List<UUID> seed(EntityManager em, int n, String procedure, String clinicId, String urgency, int hours,
                           Integer age, String verdict, String decision, String agreement, Boolean planChanged,
                           Integer before, Integer after) {
        List<UUID> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Instant submitted = Instant.now().minus(Duration.ofDays(30));
                String origin = clinicId == null ? "PATIENT" : "CLINIC_REFERRAL";
                em.createNativeQuery("INSERT INTO patient_case (id, reference, patient_id, origin, status, urgency, "
                                + "specialty, procedure_code, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
                                + "'OPINION_DELIVERED', ?7, 'ORTHOPAEDIC_SURGERY', ?5, ?6, ?6)")
                        .setParameter(1, id).setParameter(2, "IN-" + id.toString().substring(0, 15))
                        .setParameter(3, "patient-seeded").setParameter(4, origin).setParameter(5, procedure)
                        .setParameter(6, submitted).setParameter(7, urgency).executeUpdate();
                em.createNativeQuery("INSERT INTO outcome_insight (case_id, origin, clinic_id, specialty, procedure_code, "
                                + "urgency, submitted_at, opinion_delivered_at, turnaround_seconds, verdict, decision, "
                                + "agreement, plan_changed, confidence_before, confidence_after, revisions, patient_age, "
                                + "patient_state) VALUES (?1, ?2, ?3, 'ORTHOPAEDIC_SURGERY', ?4, ?15, ?5, ?6, ?7, ?8, ?9, "
                                + "?10, ?11, ?12, ?13, ?14, ?16, 'CA')")
                        .setParameter(1, id).setParameter(2, origin).setParameter(3, clinicId)
                        .setParameter(4, procedure).setParameter(5, submitted)
                        .setParameter(6, submitted.plus(Duration.ofHours(hours))).setParameter(7, hours * 3600L)
                        .setParameter(8, verdict).setParameter(9, decision).setParameter(10, agreement)
                        .setParameter(11, planChanged)
                        .setParameter(12, before == null ? null : before.shortValue())
                        .setParameter(13, after == null ? null : after.shortValue())
                        .setParameter(14, decision == null ? 0 : 1).setParameter(15, urgency)
                        .setParameter(16, age == null ? null : age.shortValue()).executeUpdate();
            }
        });
        return ids;
    }
}

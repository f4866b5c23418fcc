package org.secondopinion.cases.opinion;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The specialist's written opinion (DESIGN §4): a draft until submitted, immutable once delivered. */
@Entity
@Table(name = "opinion")
public class Opinion {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "specialist_user_id")
    public String specialistUserId;
    @Enumerated(EnumType.STRING)
    private Verdict verdict;
    private String summary;
    @ElementCollection(fetch = FetchType.EAGER) // a handful of rows, always shown with the opinion
    @CollectionTable(name = "opinion_alternative", joinColumns = @JoinColumn(name = "case_id"))
    @OrderColumn(name = "position")
    private List<Alternative> alternatives = new ArrayList<>();
    private String risks;
    @Column(name = "recovery_comparison")
    private String recoveryComparison;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "questions_for_surgeon")
    private List<String> questionsForSurgeon = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private Confidence confidence;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    public long version;

    protected Opinion() {
    }

    public static Opinion draft(UUID caseId, String specialistUserId, Instant now) {
        Opinion o = new Opinion();
        o.caseId = caseId;
        o.specialistUserId = specialistUserId;
        o.updatedAt = now;
        return o;
    }

    /** Replaces the draft's content; refused once delivered (addenda are the way to add to it then). */
    public void revise(Verdict verdict, String summary, List<Alternative> alternatives, String risks,
                       String recoveryComparison, List<String> questionsForSurgeon, Confidence confidence, Instant now) {
        ensureDraft();
        this.verdict = verdict;
        this.summary = summary;
        this.alternatives = new ArrayList<>(alternatives == null ? List.of() : alternatives);
        this.risks = risks;
        this.recoveryComparison = recoveryComparison;
        this.questionsForSurgeon = new ArrayList<>(questionsForSurgeon == null ? List.of() : questionsForSurgeon);
        this.confidence = confidence;
        this.updatedAt = now;
    }

    /** Checks the draft is complete enough for a patient to act on, then freezes it. */
    public void deliver(Instant now) {
        ensureDraft();
        if (verdict == null) {
            throw new InvalidFieldProblem("verdict", "is required before the opinion is submitted");
        }
        if (summary == null || summary.isBlank()) {
            throw new InvalidFieldProblem("summary", "is required before the opinion is submitted");
        }
        if (confidence == null) {
            throw new InvalidFieldProblem("confidence", "is required before the opinion is submitted");
        }
        if (verdict == Verdict.RECOMMEND_ALTERNATIVE && alternatives.isEmpty()) {
            throw new InvalidFieldProblem("alternatives", "must name at least one alternative for RECOMMEND_ALTERNATIVE");
        }
        deliveredAt = now;
        updatedAt = now;
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }

    private void ensureDraft() {
        if (isDelivered()) {
            throw new StateConflictProblem("the opinion was delivered and can no longer change; add an addendum",
                    "DELIVERED");
        }
    }

    public Verdict verdict() {
        return verdict;
    }

    public String summary() {
        return summary;
    }

    public List<Alternative> alternatives() {
        return List.copyOf(alternatives);
    }

    public String risks() {
        return risks;
    }

    public String recoveryComparison() {
        return recoveryComparison;
    }

    public List<String> questionsForSurgeon() {
        return List.copyOf(questionsForSurgeon);
    }

    public Confidence confidence() {
        return confidence;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

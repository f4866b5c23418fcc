package org.secondopinion.cases.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Instant;
import java.util.UUID;

/** A question from the assigned specialist to the patient; answered once. */
@Entity
@Table(name = "information_request")
public class InformationRequest {
    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "requested_by")
    public String requestedBy;
    public String question;
    @Column(name = "requested_at")
    public Instant requestedAt;
    public String answer;
    @Column(name = "answered_at")
    public Instant answeredAt;

    public boolean isOpen() {
        return answeredAt == null;
    }

    public void answer(String text, Instant now) {
        if (!isOpen()) {
            throw new StateConflictProblem("this information request was already answered", "ANSWERED");
        }
        this.answer = text;
        this.answeredAt = now;
    }
}

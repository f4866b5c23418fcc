package org.secondopinion.cases.outcomes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.cases.opinion.Verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One answer of the patient; rows are never changed (the table refuses it): the latest revision is the answer. */
@Entity
@Table(name = "case_outcome")
public class CaseOutcome {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public int revision;
    @Enumerated(EnumType.STRING)
    public Decision decision;
    @Column(name = "plan_changed")
    public boolean planChanged;
    @Column(name = "confidence_before")
    public short confidenceBefore;
    @Column(name = "confidence_after")
    public short confidenceAfter;
    @Column(name = "surgery_performed")
    public Boolean surgeryPerformed;
    /** the first day of the month of the surgery */
    @Column(name = "surgery_month")
    public LocalDate surgeryMonth;
    @Enumerated(EnumType.STRING)
    public Verdict verdict;
    @Enumerated(EnumType.STRING)
    public Agreement agreement;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}

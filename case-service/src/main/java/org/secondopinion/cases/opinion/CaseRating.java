package org.secondopinion.cases.opinion;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The patient's one rating of the opinion. */
@Entity
@Table(name = "case_rating")
public class CaseRating {
    @Id
    @Column(name = "case_id")
    public UUID caseId;
    public int stars;
    public String comment;
    @Column(name = "rated_at")
    public Instant ratedAt;
}

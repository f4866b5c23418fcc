package org.secondopinion.cases.opinion;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Something the specialist adds after delivery; the opinion itself never changes. */
@Entity
@Table(name = "opinion_addendum")
public class OpinionAddendum {
    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
}

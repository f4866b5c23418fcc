package org.secondopinion.cases.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A message in a case's thread between the patient, the assigned specialist and coordinators. */
@Entity
@Table(name = "case_message")
public class CaseMessage {
    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "author_id")
    public String authorId;
    @Column(name = "author_role")
    public String authorRole;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
}

package org.secondopinion.cases.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of the PHI access audit: append-only (a database trigger refuses updates and deletes). */
@Entity
@Table(name = "access_log")
public class AccessLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_role")
    public String actorRole;
    public String action;
    @Column(name = "object_type")
    public String objectType;
    @Column(name = "object_id")
    public String objectId;
    @Column(name = "request_id")
    public String requestId;
    public Instant at;
}

-- matching-service: its projection of the specialist directory, match requests, offers (DESIGN §5).

-- Fed by specialist.upserted.v1 snapshots; active_cases is ours (assignments), never taken from the snapshot.
CREATE TABLE specialist_projection (
    specialist_id            UUID         PRIMARY KEY,
    snapshot_version         BIGINT       NOT NULL,
    user_id                  VARCHAR(200),
    status                   VARCHAR(40)  NOT NULL,
    accepting_new_cases      BOOLEAN      NOT NULL,
    primary_specialty        VARCHAR(100),
    certified_specialties    JSONB        NOT NULL,
    licensed_states          JSONB        NOT NULL,
    languages                JSONB        NOT NULL,
    procedure_expertise      JSONB        NOT NULL,
    non_operative_expertise  BOOLEAN      NOT NULL,
    npi                      VARCHAR(20),
    affiliations             JSONB        NOT NULL,
    capacity                 INT          NOT NULL,
    typical_turnaround_hours INT          NOT NULL,
    active_cases             INT          NOT NULL DEFAULT 0 CHECK (active_cases >= 0),
    updated_at               TIMESTAMPTZ  NOT NULL
);

-- One match per case: the unique case_id makes a re-published case.submitted harmless.
CREATE TABLE match_request (
    id                     UUID         PRIMARY KEY,
    case_id                UUID         NOT NULL UNIQUE,
    case_reference         VARCHAR(100) NOT NULL,
    patient_id             VARCHAR(200) NOT NULL,
    specialty              VARCHAR(100) NOT NULL,
    diagnosis_code         VARCHAR(40),
    procedure_code         VARCHAR(40),
    urgency                VARCHAR(40)  NOT NULL,
    patient_state          VARCHAR(10),
    preferred_language     VARCHAR(20),
    goals                  JSONB        NOT NULL,
    surgeon_npi            VARCHAR(20),
    surgeon_institution    VARCHAR(300),
    status                 VARCHAR(20)  NOT NULL,
    candidates             JSONB        NOT NULL,
    exclusions             JSONB        NOT NULL,
    assigned_specialist_id UUID,
    failure_reason         VARCHAR(300),
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    version                BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX match_request_status ON match_request (status);

CREATE TABLE offer (
    id                 UUID         PRIMARY KEY,
    match_id           UUID         NOT NULL REFERENCES match_request (id),
    case_id            UUID         NOT NULL,
    specialist_id      UUID         NOT NULL,
    specialist_user_id VARCHAR(200),
    status             VARCHAR(20)  NOT NULL,
    offered_at         TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    responded_at       TIMESTAMPTZ,
    decline_reason     VARCHAR(500)
);
-- "my pending offers" and the expiry sweep
CREATE INDEX offer_pending_by_user ON offer (specialist_user_id) WHERE status = 'PENDING';
CREATE INDEX offer_pending_by_deadline ON offer (expires_at) WHERE status = 'PENDING';
CREATE INDEX offer_by_match ON offer (match_id);
-- at most one open offer per case at any time
CREATE UNIQUE INDEX offer_one_pending_per_case ON offer (case_id) WHERE status = 'PENDING';

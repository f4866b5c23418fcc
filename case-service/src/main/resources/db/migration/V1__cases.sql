-- A patient's case (DESIGN §4). Codes, not free text, are what other services ever see.
CREATE TABLE patient_case (
    id                           UUID PRIMARY KEY,
    reference                    VARCHAR(20)  NOT NULL UNIQUE,
    patient_id                   VARCHAR(255) NOT NULL,
    origin                       VARCHAR(20)  NOT NULL,
    status                       VARCHAR(30)  NOT NULL,
    diagnosis_code               VARCHAR(10),
    diagnosis_text               VARCHAR(500),
    procedure_code               VARCHAR(5),
    procedure_text               VARCHAR(500),
    specialty                    VARCHAR(60),
    urgency                      VARCHAR(10)  NOT NULL,
    scheduled_date               DATE,
    patient_state                VARCHAR(2),
    preferred_language           VARCHAR(2),
    goals                        TEXT[]       NOT NULL DEFAULT '{}',
    goals_text                   VARCHAR(2000),
    questions                    TEXT[]       NOT NULL DEFAULT '{}',
    history                      VARCHAR(10000),
    prior_treatments             VARCHAR(10000),
    surgeon_name                 VARCHAR(200),
    surgeon_npi                  VARCHAR(10),
    surgeon_institution          VARCHAR(200),
    consent_version              VARCHAR(40),
    consent_at                   TIMESTAMPTZ,
    assigned_specialist_id       UUID,
    assigned_specialist_user_id  VARCHAR(255),
    created_at                   TIMESTAMPTZ  NOT NULL,
    updated_at                   TIMESTAMPTZ  NOT NULL,
    submitted_at                 TIMESTAMPTZ,
    assigned_at                  TIMESTAMPTZ,
    cancelled_at                 TIMESTAMPTZ,
    version                      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX patient_case_patient ON patient_case (patient_id, created_at DESC);
CREATE INDEX patient_case_specialist ON patient_case (assigned_specialist_user_id, created_at DESC);
CREATE INDEX patient_case_status ON patient_case (status, created_at DESC);

-- Human references SO-<year>-<6 digits>, sequential per year without gaps from rolled-back sequences mattering.
CREATE TABLE case_reference_counter (
    year     INT PRIMARY KEY,
    last     INT NOT NULL
);

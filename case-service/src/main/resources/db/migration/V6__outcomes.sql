-- Outcomes (issue 17): what the patient decided after the opinion, the reminders asking them, and the insights read
-- model. (V5 belongs to consults.)

-- Every answer the patient gave, append-only: the latest row is the current answer, earlier ones are its history.
-- Codes, numbers and a year-month only: no free text.
CREATE TABLE case_outcome (
    id                 UUID PRIMARY KEY,
    case_id            UUID        NOT NULL REFERENCES patient_case (id),
    revision           INT         NOT NULL CHECK (revision >= 1),
    decision           VARCHAR(30) NOT NULL,
    plan_changed       BOOLEAN     NOT NULL,
    confidence_before  SMALLINT    NOT NULL CHECK (confidence_before BETWEEN 1 AND 5),
    confidence_after   SMALLINT    NOT NULL CHECK (confidence_after BETWEEN 1 AND 5),
    surgery_performed  BOOLEAN,
    -- the first day of the month the surgery happened in (patients remember the month, not the day)
    surgery_month      DATE CHECK (surgery_month IS NULL OR EXTRACT(DAY FROM surgery_month) = 1),
    verdict            VARCHAR(40),
    agreement          VARCHAR(20) NOT NULL,
    recorded_by        VARCHAR(255) NOT NULL,
    recorded_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT case_outcome_revision UNIQUE (case_id, revision)
);
CREATE FUNCTION case_outcome_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case_outcome is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_outcome_append_only BEFORE UPDATE OR DELETE ON case_outcome
    FOR EACH ROW EXECUTE FUNCTION case_outcome_is_append_only();

-- Reminders sent (reminder 1 at +14 days, 2 at +90 days by default): the primary key makes each one once per case,
-- across replicas, restarts and repeated sweeps; the event goes out through the outbox in the same transaction.
CREATE TABLE outcome_reminder (
    case_id   UUID        NOT NULL REFERENCES patient_case (id),
    reminder  SMALLINT    NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, reminder)
);
-- the reminder sweep looks for cases whose opinion was delivered in a window of time
CREATE INDEX patient_case_opinion_delivered ON patient_case (opinion_delivered_at) WHERE opinion_delivered_at IS NOT NULL;

-- The insights read model: one row per case with a delivered opinion, written in the transaction that delivers the
-- opinion and updated in the one that records the patient's answer. Only what the figures and the de-identified export
-- need: no names, contacts, free text; clinic_id only to give a clinic its own figures.
CREATE TABLE outcome_insight (
    case_id                UUID PRIMARY KEY REFERENCES patient_case (id),
    origin                 VARCHAR(20)  NOT NULL,
    clinic_id              VARCHAR(100),
    specialty              VARCHAR(60)  NOT NULL,
    procedure_code         VARCHAR(10),
    urgency                VARCHAR(10)  NOT NULL,
    patient_state          VARCHAR(2),
    -- age in whole years at the opinion when known (referred cases), else null
    patient_age            SMALLINT,
    submitted_at           TIMESTAMPTZ,
    opinion_delivered_at   TIMESTAMPTZ  NOT NULL,
    turnaround_seconds     BIGINT,
    verdict                VARCHAR(40),
    decision               VARCHAR(30),
    agreement              VARCHAR(20),
    plan_changed           BOOLEAN,
    confidence_before      SMALLINT,
    confidence_after       SMALLINT,
    surgery_performed      BOOLEAN,
    surgery_month          DATE,
    revisions              INT          NOT NULL DEFAULT 0,
    decided_at             TIMESTAMPTZ
);
CREATE INDEX outcome_insight_period ON outcome_insight (opinion_delivered_at);
CREATE INDEX outcome_insight_clinic ON outcome_insight (clinic_id, opinion_delivered_at) WHERE clinic_id IS NOT NULL;

-- Opinions delivered before this migration enter the figures too (their patients have not answered yet).
INSERT INTO outcome_insight (case_id, origin, clinic_id, specialty, procedure_code, urgency, patient_state, patient_age,
                             submitted_at, opinion_delivered_at, turnaround_seconds, verdict)
SELECT c.id, c.origin, r.clinic_id, c.specialty, c.procedure_code, c.urgency, c.patient_state,
       CASE WHEN r.patient_birth_date IS NULL THEN NULL
            ELSE EXTRACT(YEAR FROM age((c.opinion_delivered_at AT TIME ZONE 'UTC')::date, r.patient_birth_date))::smallint
       END,
       c.submitted_at, c.opinion_delivered_at,
       CASE WHEN c.submitted_at IS NULL THEN NULL
            ELSE EXTRACT(EPOCH FROM (c.opinion_delivered_at - c.submitted_at))::bigint
       END,
       o.verdict
FROM patient_case c
LEFT JOIN referral r ON r.case_id = c.id
LEFT JOIN opinion o ON o.case_id = c.id
WHERE c.opinion_delivered_at IS NOT NULL AND c.specialty IS NOT NULL;

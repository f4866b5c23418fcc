-- Partner clinics' referrals (DESIGN §1, §4). A referred case has no patient account until the patient redeems the
-- claim code, so patient_id may be empty until then.
ALTER TABLE patient_case ALTER COLUMN patient_id DROP NOT NULL;

-- The referral: who sent it, the clinic's own reference, and the patient's demographics and contact as the clinic gave
-- them. This is PHI that never leaves case_db (events carry the case and referral ids only).
CREATE TABLE referral (
    id                     UUID PRIMARY KEY,
    case_id                UUID         NOT NULL UNIQUE REFERENCES patient_case (id),
    clinic_id              VARCHAR(100) NOT NULL,
    clinic_reference       VARCHAR(100) NOT NULL,
    channel                VARCHAR(10)  NOT NULL,
    consent_attested       BOOLEAN      NOT NULL,
    consent_version        VARCHAR(40),
    patient_given_name     VARCHAR(100) NOT NULL,
    patient_family_name    VARCHAR(100) NOT NULL,
    patient_birth_date     DATE         NOT NULL,
    patient_email          VARCHAR(254) NOT NULL,
    patient_phone          VARCHAR(20),
    -- only the SHA-256 of the claim code is kept: a leaked table does not let anyone claim a case
    claim_code_hash        VARCHAR(64)  UNIQUE,
    claim_code_expires_at  TIMESTAMPTZ,
    claimed_at             TIMESTAMPTZ,
    claimed_by             VARCHAR(255),
    created_at             TIMESTAMPTZ  NOT NULL,
    CONSTRAINT referral_clinic_reference UNIQUE (clinic_id, clinic_reference)
);
CREATE INDEX referral_clinic ON referral (clinic_id, created_at DESC);

-- Idempotency-Key: the first answer to a clinic's request, replayed for a retry with the same key and body.
CREATE TABLE idempotency_record (
    clinic_id        VARCHAR(100) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    response_status  INT,
    response_type    VARCHAR(100),
    response_body    TEXT,
    response_location VARCHAR(500),
    created_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (clinic_id, idempotency_key)
);
CREATE INDEX idempotency_record_age ON idempotency_record (created_at);

-- The claim code e-mail to the patient, sent after commit and retried until the SMTP relay takes it. The code is kept
-- in clear only until the mail is sent.
CREATE TABLE claim_invitation (
    id               UUID PRIMARY KEY,
    referral_id      UUID         NOT NULL REFERENCES referral (id),
    email            VARCHAR(254) NOT NULL,
    case_reference   VARCHAR(20)  NOT NULL,
    code             VARCHAR(20),
    expires_at       TIMESTAMPTZ  NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       VARCHAR(500),
    sent_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX claim_invitation_due ON claim_invitation (next_attempt_at) WHERE status = 'PENDING';

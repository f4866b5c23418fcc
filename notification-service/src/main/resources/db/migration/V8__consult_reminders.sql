-- Reminders of live consults (consult.booked/rescheduled from case-service): one row per consult, kind and invitation
-- SEQUENCE, so a redelivered event adds nothing and a reschedule replaces the reminders of the old time. The
-- reminder's notifications use an event id derived from the row's key, so the feed's and the deliveries' unique keys
-- hold it to once even when a crash repeats the send.
CREATE TABLE consult_reminder (
    consult_id         UUID         NOT NULL,
    kind               VARCHAR(12)  NOT NULL CHECK (kind IN ('DAY_BEFORE', 'HOUR_BEFORE')),
    sequence           INT          NOT NULL,
    case_reference     VARCHAR(40)  NOT NULL,
    patient_id         VARCHAR(100),
    specialist_user_id VARCHAR(100) NOT NULL,
    starts_at          TIMESTAMPTZ  NOT NULL,
    status             VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'VOID', 'DEAD')),
    next_attempt_at    TIMESTAMPTZ  NOT NULL,   -- the due time, then the lease and retries
    attempts           INT          NOT NULL DEFAULT 0,
    last_error         VARCHAR(500),
    created_at         TIMESTAMPTZ  NOT NULL,
    sent_at            TIMESTAMPTZ,
    CONSTRAINT consult_reminder_pk PRIMARY KEY (consult_id, kind, sequence)
);
CREATE INDEX consult_reminder_due ON consult_reminder (next_attempt_at) WHERE status = 'PENDING';

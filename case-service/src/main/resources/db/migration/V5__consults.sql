-- Live consults: a video visit of the case's patient with its assigned specialist, booked in the specialist's
-- published availability (projected here from specialist.availability-changed.v1).

-- btree_gist lets one GiST index combine "same specialist" (=) with "time ranges overlap" (&&); trusted extension
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The newest availability of each specialist, as published (the event's data); older versions never overwrite it
CREATE TABLE specialist_availability (
    specialist_id UUID PRIMARY KEY,
    version       BIGINT      NOT NULL,
    availability  JSONB       NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE consult (
    id                 UUID PRIMARY KEY,
    case_id            UUID         NOT NULL REFERENCES patient_case (id),
    specialist_id      UUID         NOT NULL,
    specialist_user_id VARCHAR(100) NOT NULL,
    starts_at          TIMESTAMPTZ  NOT NULL,
    ends_at            TIMESTAMPTZ  NOT NULL,
    status             VARCHAR(20)  NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    sequence           INT          NOT NULL DEFAULT 0,   -- iCalendar SEQUENCE: +1 per reschedule or cancellation
    room_name          VARCHAR(100) NOT NULL UNIQUE,      -- unguessable video room
    note               VARCHAR(4000),                     -- the specialist's consult note (part of the case record)
    cancelled_by       VARCHAR(20) CHECK (cancelled_by IN ('PATIENT', 'SPECIALIST', 'COORDINATOR')),
    cancel_reason      VARCHAR(500),
    booked_at          TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT consult_times CHECK (ends_at > starts_at),
    -- No double booking, decided by the database rather than by a check-then-insert: two booked consults of one
    -- specialist never overlap, however many requests race for a slot.
    CONSTRAINT consult_no_double_booking EXCLUDE USING gist (
        specialist_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'BOOKED')
);
-- at most one upcoming (booked) consult per case
CREATE UNIQUE INDEX consult_one_booked_per_case ON consult (case_id) WHERE status = 'BOOKED';
CREATE INDEX consult_case ON consult (case_id, starts_at);
CREATE INDEX consult_specialist_booked ON consult (specialist_id, starts_at) WHERE status = 'BOOKED';

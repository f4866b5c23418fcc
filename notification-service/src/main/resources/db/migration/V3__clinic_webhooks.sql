-- Partner clinics' webhooks (DESIGN §6). The secret signs every delivery, so it is kept as is (a hash could not
-- sign); the API shows it once, in the answer to the registration. Deleting sets deleted_at: nothing more is sent,
-- and the delivery history stays for support questions ("did you send us X?").
CREATE TABLE webhook (
    id           UUID          PRIMARY KEY,
    clinic_id    VARCHAR(100)  NOT NULL,
    url          VARCHAR(2000) NOT NULL,
    description  VARCHAR(200),
    secret       VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    deleted_at   TIMESTAMPTZ
);

-- a clinic's live webhooks: the list, the per-clinic limit and the fan-out of every referral event
CREATE INDEX webhook_clinic ON webhook (clinic_id, created_at) WHERE deleted_at IS NULL;

-- Which clinic referred which case, learnt from case.referred.v1: later events of the case name no clinic.
-- last_status / last_event_at let a repeated status (referred SUBMITTED, then submitted) or an older event that
-- arrives late from the other topic be skipped instead of announced.
CREATE TABLE clinic_referral (
    case_id           UUID         PRIMARY KEY,
    referral_id       UUID         NOT NULL,
    clinic_id         VARCHAR(100) NOT NULL,
    clinic_reference  VARCHAR(100),
    case_reference    VARCHAR(50)  NOT NULL,
    last_status       VARCHAR(30)  NOT NULL,
    last_event_at     TIMESTAMPTZ  NOT NULL,
    claimed           BOOLEAN      NOT NULL DEFAULT false
);

-- One POST of one event to one webhook: written in the event's inbox transaction, sent after commit by the
-- webhook worker with retries, ends SENT or DEAD. body is the exact JSON sent (and signed) on every attempt.
-- seq is the enqueue order: a referral's deliveries to one webhook go out one after the other in that order.
CREATE TABLE webhook_delivery (
    id                UUID          PRIMARY KEY,
    seq               BIGINT        GENERATED ALWAYS AS IDENTITY,
    webhook_id        UUID          NOT NULL REFERENCES webhook (id),
    event_id          VARCHAR(200)  NOT NULL,
    case_id           UUID          NOT NULL,
    type              VARCHAR(50)   NOT NULL,
    body              VARCHAR(4000) NOT NULL,
    status            VARCHAR(20)   NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DEAD')),
    attempts          INT           NOT NULL DEFAULT 0,
    last_status_code  INT,
    last_error        VARCHAR(500),
    next_attempt_at   TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    sent_at           TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);

-- the worker's queue (due rows) and its "is an earlier one of this referral still open?" check
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_chain ON webhook_delivery (webhook_id, case_id, seq) WHERE status = 'PENDING';
-- a webhook's delivery history, newest first
CREATE INDEX webhook_delivery_history ON webhook_delivery (webhook_id, created_at DESC, seq DESC);

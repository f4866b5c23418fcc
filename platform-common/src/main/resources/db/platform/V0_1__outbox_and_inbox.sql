-- Shared by every service (platform-common): the transactional outbox and the idempotent inbox (DESIGN §8).

CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,              -- relay order: insertion order, hence per-key order
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(200) NOT NULL,
    event_key   VARCHAR(200) NOT NULL,              -- the aggregate id (CloudEvents subject)
    event_type  VARCHAR(200) NOT NULL,
    payload     TEXT         NOT NULL,              -- the whole CloudEvents JSON document
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ,
    attempts    INT          NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000)
);
-- the relay only ever looks for what is still to send
CREATE INDEX outbox_event_unsent ON outbox_event (id) WHERE sent_at IS NULL;

CREATE TABLE inbox_message (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Contact points and preferences per user (DESIGN §6), keyed by the token sub. Contact data lives only here and in
-- the delivery rows that use it; it never travels in events or logs.
CREATE TABLE contact_preferences (
    user_id          VARCHAR(200) PRIMARY KEY,
    email            VARCHAR(254),
    phone            VARCHAR(16),
    push_tokens      JSONB        NOT NULL DEFAULT '[]',
    -- kind -> external channels switched on for it; kinds not listed get the defaults (e-mail only)
    channels         JSONB        NOT NULL DEFAULT '{}',
    quiet_start      TIME,
    quiet_end        TIME,
    quiet_time_zone  VARCHAR(64),
    updated_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT quiet_hours_complete CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)
        AND (quiet_start IS NULL) = (quiet_time_zone IS NULL))
);

-- External deliveries (e-mail, SMS, push): one row per (event, recipient, channel), written in the event's inbox
-- transaction and sent after it commits by the delivery worker, with retries; ends SENT or DEAD.
CREATE TABLE delivery (
    id               UUID         PRIMARY KEY,
    event_id         VARCHAR(200) NOT NULL,
    event_type       VARCHAR(200) NOT NULL,
    recipient        VARCHAR(200) NOT NULL,
    channel          VARCHAR(20)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    kind             VARCHAR(50)  NOT NULL,
    case_reference   VARCHAR(50),
    text             VARCHAR(500) NOT NULL,
    -- where to, as the recipient's preferences said when the event arrived (e-mail, phone or device tokens)
    addresses        JSONB        NOT NULL,
    status           VARCHAR(20)  NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'DEAD')),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ  NOT NULL,
    sent_at          TIMESTAMPTZ,
    CONSTRAINT delivery_once UNIQUE (event_id, recipient, channel)
);

-- the worker's queue: due rows only
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
-- the coordinators' delivery log, newest first
CREATE INDEX delivery_log ON delivery (created_at DESC, id DESC);

-- The SSE stream's cursor (Last-Event-ID). In-app inserts take an advisory lock until commit (InAppChannel), so
-- seq order is commit order and a client resuming after seq N misses nothing.
ALTER TABLE notification ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX notification_stream ON notification (recipient, seq);

-- Whether the person held the coordinator role when they last saved: items addressed to role:coordinator reach
-- these people's e-mail/SMS/push too (the feed item is shared by the role).
ALTER TABLE contact_preferences ADD COLUMN coordinator BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX contact_preferences_coordinators ON contact_preferences (user_id) WHERE coordinator;

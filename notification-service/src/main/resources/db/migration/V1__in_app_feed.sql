-- The in-app feed (DESIGN §6). One row per (event, recipient, channel): a redelivered event never notifies twice,
-- even past the inbox. recipient is a user's token sub, or role:<role> for items every holder of the role sees.
CREATE TABLE notification (
    id              UUID         PRIMARY KEY,
    recipient       VARCHAR(200) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    event_type      VARCHAR(200) NOT NULL,
    channel         VARCHAR(20)  NOT NULL DEFAULT 'IN_APP' CHECK (channel IN ('IN_APP')),
    kind            VARCHAR(50)  NOT NULL,
    case_reference  VARCHAR(50),
    text            VARCHAR(500) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_at         TIMESTAMPTZ,
    CONSTRAINT notification_once UNIQUE (event_id, recipient, channel)
);

-- the feed: a recipient's items, newest first
CREATE INDEX notification_feed ON notification (recipient, created_at DESC, id DESC);
-- the unread badge and unread-only feed
CREATE INDEX notification_unread ON notification (recipient, created_at DESC) WHERE read_at IS NULL;

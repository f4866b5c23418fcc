-- The outbox relay is a work queue (platform-common work): after a failed publication the backlog waits until
-- next_attempt_at. Sent outbox rows and inbox rows older than their retention are deleted in batches
-- (platform-common retention): the indexes below find them without reading the live rows.
ALTER TABLE outbox_event ADD COLUMN next_attempt_at TIMESTAMPTZ;
CREATE INDEX outbox_event_sent ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX inbox_message_received ON inbox_message (received_at);

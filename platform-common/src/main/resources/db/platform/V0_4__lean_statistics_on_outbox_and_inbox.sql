-- ANALYZE samples 300 rows per point of a table's largest statistics target: 30,000 rows at the default of 100. The
-- outbox and the inbox grow with every event and are auto-analyzed every few minutes under load, and each run cost
-- 0.7-0.8 s of CPU at 385,000 rows (outbox_event: 822 ms; 73 ms at a target of 10): a second in which the services on
-- a small machine lost half a core, and the event path's slowest cases of a run clustered in it. Their queries are
-- key and partial-index look-ups, which 3,000 sampled rows plan just as well; nobody filters on an event's payload.
ALTER TABLE outbox_event
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN event_id SET STATISTICS 10,
    ALTER COLUMN topic SET STATISTICS 10,
    ALTER COLUMN event_key SET STATISTICS 10,
    ALTER COLUMN event_type SET STATISTICS 10,
    ALTER COLUMN payload SET STATISTICS 0,
    ALTER COLUMN created_at SET STATISTICS 10,
    ALTER COLUMN sent_at SET STATISTICS 10,
    ALTER COLUMN attempts SET STATISTICS 10,
    ALTER COLUMN last_error SET STATISTICS 0,
    ALTER COLUMN next_attempt_at SET STATISTICS 10;

ALTER TABLE inbox_message
    ALTER COLUMN consumer SET STATISTICS 10,
    ALTER COLUMN event_id SET STATISTICS 10,
    ALTER COLUMN event_type SET STATISTICS 10,
    ALTER COLUMN received_at SET STATISTICS 10;

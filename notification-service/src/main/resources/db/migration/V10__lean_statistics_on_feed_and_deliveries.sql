-- As db/platform V0_4 for the outbox and the inbox: the feed and the delivery log grow with every notification and
-- their auto-analyze sampled 30,000 rows (delivery 728 ms, notification 696 ms of CPU at 650,000-770,000 rows; 63
-- and 62 ms at a target of 10). Their queries are by recipient, status and time through indexes; nobody filters on a
-- text or an address list, and their samples no longer sit in pg_statistic.
ALTER TABLE delivery
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN event_id SET STATISTICS 10,
    ALTER COLUMN event_type SET STATISTICS 10,
    ALTER COLUMN recipient SET STATISTICS 10,
    ALTER COLUMN channel SET STATISTICS 10,
    ALTER COLUMN kind SET STATISTICS 10,
    ALTER COLUMN case_reference SET STATISTICS 10,
    ALTER COLUMN text SET STATISTICS 0,
    ALTER COLUMN addresses SET STATISTICS 0,
    ALTER COLUMN status SET STATISTICS 10,
    ALTER COLUMN attempts SET STATISTICS 10,
    ALTER COLUMN next_attempt_at SET STATISTICS 10,
    ALTER COLUMN last_error SET STATISTICS 0,
    ALTER COLUMN created_at SET STATISTICS 10,
    ALTER COLUMN sent_at SET STATISTICS 10;

ALTER TABLE notification
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN recipient SET STATISTICS 10,
    ALTER COLUMN event_id SET STATISTICS 10,
    ALTER COLUMN event_type SET STATISTICS 10,
    ALTER COLUMN channel SET STATISTICS 10,
    ALTER COLUMN kind SET STATISTICS 10,
    ALTER COLUMN case_reference SET STATISTICS 10,
    ALTER COLUMN text SET STATISTICS 0,
    ALTER COLUMN created_at SET STATISTICS 10,
    ALTER COLUMN read_at SET STATISTICS 10,
    ALTER COLUMN seq SET STATISTICS 10;

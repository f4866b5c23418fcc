-- As db/platform V0_4 for the outbox and the inbox. The access log grows with every read (347 ms of CPU per
-- auto-analyze at 770,000 rows, 54 ms at a target of 10); its queries are by case and time.
ALTER TABLE access_log
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN case_id SET STATISTICS 10,
    ALTER COLUMN actor_id SET STATISTICS 10,
    ALTER COLUMN actor_role SET STATISTICS 10,
    ALTER COLUMN action SET STATISTICS 10,
    ALTER COLUMN object_type SET STATISTICS 10,
    ALTER COLUMN object_id SET STATISTICS 10,
    ALTER COLUMN request_id SET STATISTICS 0,
    ALTER COLUMN at SET STATISTICS 10;

-- A case's free text is never filtered on: no statistics on it, so ANALYZE neither detoasts and compares it nor
-- keeps samples of patients' own words in pg_statistic. Its keys keep the default target.
ALTER TABLE patient_case
    ALTER COLUMN diagnosis_text SET STATISTICS 0,
    ALTER COLUMN procedure_text SET STATISTICS 0,
    ALTER COLUMN goals SET STATISTICS 0,
    ALTER COLUMN goals_text SET STATISTICS 0,
    ALTER COLUMN questions SET STATISTICS 0,
    ALTER COLUMN history SET STATISTICS 0,
    ALTER COLUMN prior_treatments SET STATISTICS 0,
    ALTER COLUMN surgeon_name SET STATISTICS 0;

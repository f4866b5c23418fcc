-- A match's candidate list, exclusions and goals (JSON) are never filtered on; ANALYZE detoasted and compared them for
-- statistics nobody used (match_request: 0.9-2.0 s of CPU per auto-analyze at 385,000 rows, half of it these columns).
ALTER TABLE match_request
    ALTER COLUMN candidates SET STATISTICS 0,
    ALTER COLUMN exclusions SET STATISTICS 0,
    ALTER COLUMN goals SET STATISTICS 0,
    ALTER COLUMN assignment_reason SET STATISTICS 0;

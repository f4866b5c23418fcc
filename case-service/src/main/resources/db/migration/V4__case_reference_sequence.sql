-- Human references come from a sequence instead of a per-year counter row: the row was locked by every case being
-- created until it committed, which made intake one creation at a time. Each replica takes blocks of 20 numbers
-- (CaseRepository), which start above every number handed out so far (in any year), so no reference can repeat;
-- numbers no longer restart each year.
CREATE SEQUENCE case_reference_seq INCREMENT BY 20;
SELECT setval('case_reference_seq', GREATEST((SELECT max(last) FROM case_reference_counter), 0) + 1, false);
DROP TABLE case_reference_counter;

-- DESIGN §5 hard constraint "not out of office": the periods from specialist.upserted.v1 (no notes), as
-- [{"from": "2026-12-20", "to": "2027-01-02"}, ...], both ends inclusive. Rows projected from older snapshots,
-- which had no such field, read as "not known to be away".
ALTER TABLE specialist_projection ADD COLUMN out_of_office JSONB NOT NULL DEFAULT '[]';

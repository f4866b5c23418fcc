-- The kinds of callback a webhook wants (DESIGN §6: "clinics register URLs and the event kinds they want");
-- empty means all of them, which is what every webhook registered before this column got.
ALTER TABLE webhook ADD COLUMN events JSONB NOT NULL DEFAULT '[]';

-- Reminder lead times are configuration (notification.consult-reminders.lead-times), no longer two fixed kinds.
-- 24 h and 1 h keep their keys DAY_BEFORE and HOUR_BEFORE (rows already scheduled, and the notification ids derived
-- from them, stay as they are); any other lead time is keyed by its ISO-8601 duration, e.g. PT30M or PT72H.
ALTER TABLE consult_reminder DROP CONSTRAINT consult_reminder_kind_check;
ALTER TABLE consult_reminder ALTER COLUMN kind TYPE VARCHAR(20);
ALTER TABLE consult_reminder ADD CONSTRAINT consult_reminder_kind_check
    CHECK (kind IN ('DAY_BEFORE', 'HOUR_BEFORE') OR kind ~ '^PT([0-9]+H)?([0-9]+M)?$');

-- Consult availability (live consults): weekly windows in the specialist's own time zone, one-off exceptions
-- (blocked dates, extra windows), slot length and buffer. Replaced as a whole by the specialist; overlaps are refused
-- by the application (AvailabilityRules) before the rows are written. Bookings live in case-service.

CREATE TABLE specialist_availability (
    specialist_id  UUID PRIMARY KEY REFERENCES specialist (id) ON DELETE CASCADE,
    time_zone      VARCHAR(60) NOT NULL,
    slot_minutes   INT         NOT NULL CHECK (slot_minutes IN (20, 30, 45)),
    buffer_minutes INT         NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 60),
    version        BIGINT      NOT NULL,  -- the version of the published availability, +1 per change
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE availability_weekly_window (
    specialist_id UUID        NOT NULL REFERENCES specialist_availability (specialist_id) ON DELETE CASCADE,
    day_of_week   VARCHAR(9)  NOT NULL CHECK (day_of_week IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY',
                                                                'SATURDAY', 'SUNDAY')),
    starts_at     TIME        NOT NULL,
    ends_at       TIME        NOT NULL,
    CONSTRAINT availability_weekly_window_pk PRIMARY KEY (specialist_id, day_of_week, starts_at),
    CONSTRAINT availability_weekly_window_order CHECK (ends_at > starts_at)
);

-- BLOCKED: no consults that date; EXTRA: a window on that date besides the weekly ones
CREATE TABLE availability_exception (
    specialist_id UUID        NOT NULL REFERENCES specialist_availability (specialist_id) ON DELETE CASCADE,
    on_date       DATE        NOT NULL,
    kind          VARCHAR(10) NOT NULL CHECK (kind IN ('BLOCKED', 'EXTRA')),
    starts_at     TIME,
    ends_at       TIME,
    CONSTRAINT availability_exception_shape CHECK (
        (kind = 'BLOCKED' AND starts_at IS NULL AND ends_at IS NULL)
        OR (kind = 'EXTRA' AND starts_at IS NOT NULL AND ends_at > starts_at))
);
CREATE INDEX availability_exception_specialist ON availability_exception (specialist_id, on_date);

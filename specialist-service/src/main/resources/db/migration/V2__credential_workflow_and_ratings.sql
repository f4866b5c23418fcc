-- Admin verification workflow (who verified a credential, when), licence issue dates, ratings from case.rated,
-- and the indexes the daily expiry job and large-directory searches need.

ALTER TABLE board_certification
    ADD COLUMN verified_by VARCHAR(100),
    ADD COLUMN verified_at TIMESTAMPTZ,
    ADD CONSTRAINT board_certification_dates CHECK (expires_on IS NULL OR certified_since IS NULL
                                                    OR expires_on >= certified_since);

ALTER TABLE state_license
    ADD COLUMN issued_on   DATE,
    ADD COLUMN verified_by VARCHAR(100),
    ADD COLUMN verified_at TIMESTAMPTZ,
    ADD CONSTRAINT state_license_dates CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on);

-- sum and count rather than a stored average: exact under any number of ratings, average derived when read
ALTER TABLE specialist
    ADD COLUMN rating_count INT    NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    ADD COLUMN rating_sum   BIGINT NOT NULL DEFAULT 0 CHECK (rating_sum >= 0);

-- the daily expiry job looks only at credentials that still count and have an expiry date
CREATE INDEX board_certification_lapsing ON board_certification (expires_on)
    WHERE status IN ('PENDING', 'VERIFIED') AND expires_on IS NOT NULL;
CREATE INDEX state_license_lapsing ON state_license (expires_on)
    WHERE status IN ('PENDING', 'VERIFIED') AND expires_on IS NOT NULL;

-- the public list is always ACTIVE ones in name order: a partial index serves "first page by name" directly
CREATE INDEX specialist_active_name ON specialist (lower(family_name), lower(given_name), id)
    WHERE status = 'ACTIVE';

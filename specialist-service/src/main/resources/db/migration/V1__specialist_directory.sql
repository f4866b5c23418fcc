-- The specialist directory (DESIGN §2): profiles, board certifications, state licences.

CREATE TABLE specialist (
    id                      UUID PRIMARY KEY,
    user_id                 VARCHAR(100) UNIQUE,          -- OIDC subject, when the specialist has an account
    npi                     VARCHAR(10)  NOT NULL UNIQUE CHECK (npi ~ '^[0-9]{10}$'),
    given_name              VARCHAR(100) NOT NULL,
    family_name             VARCHAR(100) NOT NULL,
    credentials             VARCHAR(2)   NOT NULL CHECK (credentials IN ('MD', 'DO')),
    primary_specialty       VARCHAR(40)  NOT NULL,
    subspecialties          TEXT[]       NOT NULL DEFAULT '{}',
    procedure_expertise     TEXT[]       NOT NULL DEFAULT '{}',
    non_operative_expertise BOOLEAN      NOT NULL DEFAULT FALSE,
    languages               TEXT[]       NOT NULL DEFAULT '{}',
    affiliations            TEXT[]       NOT NULL DEFAULT '{}',
    years_in_practice       INT          CHECK (years_in_practice >= 0),
    bio                     VARCHAR(4000),
    time_zone               VARCHAR(60)  NOT NULL,
    turnaround_hours        INT          NOT NULL CHECK (turnaround_hours > 0),
    capacity                INT          NOT NULL CHECK (capacity >= 0),
    accepting_new_cases     BOOLEAN      NOT NULL DEFAULT TRUE,
    status                  VARCHAR(20)  NOT NULL
                            CHECK (status IN ('ONBOARDING', 'ACTIVE', 'SUSPENDED', 'RETIRED')),
    version                 BIGINT       NOT NULL DEFAULT 0,  -- optimistic locking (JPA @Version)
    snapshot_version        BIGINT       NOT NULL DEFAULT 1,  -- version of the published snapshot, +1 per change
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- directory searches: by specialty (with status), language, name; the list is ordered by name
CREATE INDEX specialist_specialty_status ON specialist (primary_specialty, status);
CREATE INDEX specialist_languages ON specialist USING GIN (languages);
CREATE INDEX specialist_name ON specialist (lower(family_name), lower(given_name), id);

CREATE TABLE board_certification (
    id              UUID PRIMARY KEY,
    specialist_id   UUID         NOT NULL REFERENCES specialist (id) ON DELETE CASCADE,
    board           VARCHAR(200) NOT NULL,
    specialty       VARCHAR(40)  NOT NULL,
    certified_since DATE,
    expires_on      DATE,
    status          VARCHAR(20)  NOT NULL CHECK (status IN ('PENDING', 'VERIFIED', 'EXPIRED', 'REVOKED'))
);
CREATE INDEX board_certification_specialist ON board_certification (specialist_id);

CREATE TABLE state_license (
    id            UUID PRIMARY KEY,
    specialist_id UUID        NOT NULL REFERENCES specialist (id) ON DELETE CASCADE,
    state         VARCHAR(2)  NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
    number        VARCHAR(40) NOT NULL,
    expires_on    DATE,
    status        VARCHAR(20) NOT NULL CHECK (status IN ('PENDING', 'VERIFIED', 'EXPIRED', 'REVOKED')),
    CONSTRAINT state_license_one_per_state UNIQUE (specialist_id, state)
);
-- "licensed in state X" searches
CREATE INDEX state_license_state ON state_license (state, status, specialist_id);

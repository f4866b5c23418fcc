ALTER TABLE patient_case ADD COLUMN opinion_delivered_at TIMESTAMPTZ;
ALTER TABLE patient_case ADD COLUMN closed_at TIMESTAMPTZ;
CREATE INDEX patient_case_auto_close ON patient_case (opinion_delivered_at) WHERE status = 'OPINION_DELIVERED';

-- PHI access audit (DESIGN §9): who read or changed what, append-only.
CREATE TABLE access_log (
    id          BIGSERIAL PRIMARY KEY,
    case_id     UUID         NOT NULL,
    actor_id    VARCHAR(255) NOT NULL,
    actor_role  VARCHAR(30)  NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    object_type VARCHAR(30)  NOT NULL,
    object_id   VARCHAR(100),
    request_id  VARCHAR(128),
    at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX access_log_case ON access_log (case_id, at DESC, id DESC);
CREATE FUNCTION access_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();

-- Records: metadata here, content in PostgreSQL large objects (streamed, never whole on the heap).
CREATE TABLE case_document (
    id           UUID PRIMARY KEY,
    case_id      UUID         NOT NULL REFERENCES patient_case (id),
    kind         VARCHAR(40)  NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    media_type   VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NOT NULL CHECK (size_bytes >= 0),
    sha256       VARCHAR(64)  NOT NULL CHECK (length(sha256) = 64),
    content_ref  VARCHAR(100) NOT NULL,
    uploaded_by  VARCHAR(255) NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX case_document_case ON case_document (case_id, uploaded_at);

CREATE TABLE information_request (
    id            UUID PRIMARY KEY,
    case_id       UUID          NOT NULL REFERENCES patient_case (id),
    requested_by  VARCHAR(255)  NOT NULL,
    question      VARCHAR(4000) NOT NULL,
    requested_at  TIMESTAMPTZ   NOT NULL,
    answer        VARCHAR(10000),
    answered_at   TIMESTAMPTZ
);
CREATE INDEX information_request_case ON information_request (case_id, requested_at);

CREATE TABLE case_message (
    id           UUID PRIMARY KEY,
    case_id      UUID          NOT NULL REFERENCES patient_case (id),
    author_id    VARCHAR(255)  NOT NULL,
    author_role  VARCHAR(30)   NOT NULL,
    body         VARCHAR(4000) NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX case_message_case ON case_message (case_id, created_at);

CREATE TABLE opinion (
    case_id               UUID PRIMARY KEY REFERENCES patient_case (id),
    specialist_user_id    VARCHAR(255)  NOT NULL,
    verdict               VARCHAR(40),
    summary               VARCHAR(10000),
    risks                 VARCHAR(10000),
    recovery_comparison   VARCHAR(10000),
    questions_for_surgeon TEXT[]        NOT NULL DEFAULT '{}',
    confidence            VARCHAR(10),
    delivered_at          TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ   NOT NULL,
    version               BIGINT        NOT NULL DEFAULT 0
);
CREATE TABLE opinion_alternative (
    case_id      UUID          NOT NULL REFERENCES opinion (case_id),
    position     INT           NOT NULL,
    type         VARCHAR(40)   NOT NULL,
    description  VARCHAR(4000) NOT NULL,
    PRIMARY KEY (case_id, position)
);
CREATE TABLE opinion_addendum (
    id          UUID PRIMARY KEY,
    case_id     UUID          NOT NULL REFERENCES opinion (case_id),
    body        VARCHAR(10000) NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);

CREATE TABLE case_rating (
    case_id   UUID PRIMARY KEY REFERENCES patient_case (id),
    stars     INT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment   VARCHAR(2000),
    rated_at  TIMESTAMPTZ NOT NULL
);

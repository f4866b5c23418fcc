-- Quotas on expensive operations (platform-common quota): what each key used of a quota in one fixed window, counted
-- in the transaction of the request that spends it, so a refused or failed request leaves the count as it was.
-- Windows that ended are deleted by retention (platform-common retention, rule "quotas"), found by window_end.
CREATE TABLE quota_usage (
    quota         VARCHAR(100) NOT NULL,
    quota_key     VARCHAR(200) NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    window_end    TIMESTAMPTZ  NOT NULL,
    used          BIGINT       NOT NULL,
    PRIMARY KEY (quota, quota_key, window_start)
);
CREATE INDEX quota_usage_window_end ON quota_usage (window_end);

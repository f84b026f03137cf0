-- Times are unix milliseconds (BIGINT), Discord ids are BIGINT, flags are INTEGER 0/1:
-- the types sqlx's Any driver carries on both databases.

CREATE TABLE guilds (
    guild_id                 BIGINT PRIMARY KEY,
    next_case_no             BIGINT NOT NULL DEFAULT 1,
    review_channel_id        BIGINT,
    coordination_channel_id  BIGINT,
    moderator_role_id        BIGINT,
    liaison_role_id          BIGINT,
    reporter_role_id         BIGINT,
    quorum                   INTEGER NOT NULL DEFAULT 3,
    window_minutes           BIGINT NOT NULL DEFAULT 1440,
    hold_days                INTEGER NOT NULL DEFAULT 30,
    default_platform         TEXT NOT NULL DEFAULT 'x',
    digest_hour              INTEGER,
    report_limit             INTEGER NOT NULL DEFAULT 10,
    report_limit_minutes     INTEGER NOT NULL DEFAULT 10,
    min_member_age_hours     INTEGER NOT NULL DEFAULT 0,
    announce_holds           INTEGER NOT NULL DEFAULT 0,
    created_at               BIGINT NOT NULL
);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        BIGINT NOT NULL REFERENCES guilds (guild_id),
    case_no         BIGINT NOT NULL,
    account_key     TEXT NOT NULL,
    platform        TEXT NOT NULL,
    decision        TEXT NOT NULL DEFAULT 'pending',
    round           INTEGER NOT NULL DEFAULT 1,
    window_ends_at  BIGINT,
    overdue         INTEGER NOT NULL DEFAULT 0,
    held_until      BIGINT,
    agency          TEXT,
    referral_ref    TEXT,
    account_status  TEXT NOT NULL DEFAULT 'unknown',
    status_at       BIGINT,
    status_by       TEXT,
    queued          INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    decided_at      BIGINT,
    UNIQUE (guild_id, account_key),
    UNIQUE (guild_id, case_no)
);
CREATE INDEX cases_open_windows ON cases (window_ends_at) WHERE window_ends_at IS NOT NULL;
CREATE INDEX cases_holds ON cases (held_until) WHERE held_until IS NOT NULL;

CREATE TABLE reports (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id           BIGINT NOT NULL REFERENCES cases (id),
    reporter_id       BIGINT,
    reason            TEXT NOT NULL,
    details           TEXT,
    source            TEXT NOT NULL,
    interaction_id    BIGINT UNIQUE,
    member_joined_at  BIGINT,
    created_at        BIGINT NOT NULL
);
CREATE INDEX reports_case ON reports (case_id);
CREATE INDEX reports_reporter ON reports (reporter_id);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id     BIGINT NOT NULL REFERENCES reports (id),
    kind          TEXT NOT NULL,
    url           TEXT,
    filename      TEXT,
    content_type  TEXT,
    size_bytes    BIGINT,
    sha256        TEXT,
    status        TEXT NOT NULL,
    note          TEXT
);
CREATE INDEX evidence_report ON evidence (report_id);

CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size_bytes  BIGINT NOT NULL,
    bytes       BLOB NOT NULL
);

CREATE TABLE votes (
    case_id       BIGINT NOT NULL REFERENCES cases (id),
    round         INTEGER NOT NULL,
    moderator_id  BIGINT NOT NULL,
    choice        TEXT NOT NULL,
    cast_at       BIGINT NOT NULL,
    PRIMARY KEY (case_id, round, moderator_id)
);

CREATE TABLE audit_events (
    guild_id   BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    case_id    BIGINT,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (guild_id, seq)
);
CREATE INDEX audit_events_case ON audit_events (case_id) WHERE case_id IS NOT NULL;

-- The last event of each guild's chain, so removing trailing events is detectable and
-- appends serialise on one row.
CREATE TABLE audit_heads (
    guild_id  BIGINT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    hash      TEXT NOT NULL
);

-- Muted reporters (/reporter mute): their reports are kept and acknowledged as usual but
-- count toward nothing. Members are stored under their acting id (pseudonym once
-- forgotten); `until` NULL is a mute without end. A mute is read at intake against the
-- report's time, so one that lapses needs no job.
CREATE TABLE muted_reporters (
    guild_id   BIGINT NOT NULL,
    member_id  BIGINT NOT NULL,
    reason     TEXT NOT NULL,
    until      BIGINT,
    muted_by   BIGINT NOT NULL,
    muted_at   BIGINT NOT NULL,
    PRIMARY KEY (guild_id, member_id)
);

-- A report filed while its member was muted: kept, counted by nothing, for good.
ALTER TABLE reports ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;

-- A muted member's report on an account with no case opens none: it is kept here, under
-- the case number its answer named (reserved, so the answer reads like any other).
CREATE TABLE kept_cases (
    guild_id     BIGINT NOT NULL,
    account_key  TEXT NOT NULL,
    case_no      BIGINT NOT NULL,
    PRIMARY KEY (guild_id, account_key)
);
CREATE TABLE kept_reports (
    id              INTEGER PRIMARY KEY,
    guild_id        BIGINT NOT NULL,
    account_key     TEXT NOT NULL,
    reporter_id     BIGINT NOT NULL,
    reason          TEXT NOT NULL,
    details         TEXT,
    interaction_id  BIGINT UNIQUE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX kept_reports_reporter ON kept_reports (guild_id, reporter_id, created_at);

-- A case its muted reporter alone opened says so on its card while the mute lasts (set at
-- mute with the mute's end, NULL for none; cleared at unmute).
ALTER TABLE cases ADD COLUMN opener_muted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN opener_muted_until BIGINT;

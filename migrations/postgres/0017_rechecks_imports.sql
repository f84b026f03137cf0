-- Re-checks (issue 11): a report-now account confirmed suspended for more than
-- `recheck_days` comes back in /next as "still suspended?".
ALTER TABLE guilds ADD COLUMN recheck_days INTEGER NOT NULL DEFAULT 7;

-- An observation made while its member was muted: kept (and counted by the buttons' rate
-- limit), but it confirms nothing and postpones no re-check.
ALTER TABLE status_observations ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;

-- Every bulk import (/import, flagwatch import), so its cases can be found again
-- (/queue dismiss-all). `actor` is the audit actor (a moderator's id, or cli).
CREATE TABLE imports (
    id           BIGSERIAL PRIMARY KEY,
    guild_id     BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    lines        BIGINT NOT NULL DEFAULT 0,
    new_cases    BIGINT NOT NULL DEFAULT 0,
    merged       BIGINT NOT NULL DEFAULT 0,
    rejected     BIGINT NOT NULL DEFAULT 0
);

-- The import that opened a case (NULL: opened by a report).
ALTER TABLE cases ADD COLUMN import_id BIGINT REFERENCES imports (id);
CREATE INDEX cases_import ON cases (import_id);

-- /myreports lists a muted member's kept reports like any other, so they can be withdrawn
-- like any other (kept, not deleted, and counted by nothing either way).
ALTER TABLE kept_reports ADD COLUMN withdrawn_at BIGINT;

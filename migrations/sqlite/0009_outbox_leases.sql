-- Several bot processes on one database. Only the process holding the `outbox` lease
-- sends (so Discord's per-channel pacing, kept in that process, holds for all of them
-- together); it renews the lease while it lives, and another process takes over once the
-- lease has expired. A claim names its owner: the next leader releases the claims of the
-- one before, which stopped mid-send.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    owner  TEXT NOT NULL,
    until  BIGINT NOT NULL
);
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;

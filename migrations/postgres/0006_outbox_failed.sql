-- Outbox items Discord refused for good (invalid body, missing permissions, unknown
-- channel): parked here with the reason instead of being retried forever, so one bad
-- item never holds the outbox back, and counted for the moderators' alert.
CREATE TABLE outbox_failed (
    id          BIGSERIAL PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    item_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    target      BIGINT,
    http_status INTEGER NOT NULL,
    code        BIGINT NOT NULL,
    error       TEXT NOT NULL,
    failed_at   BIGINT NOT NULL
);
CREATE INDEX outbox_failed_guild ON outbox_failed (guild_id, failed_at);

-- What the bot must still post or edit on Discord: written in the same transaction as the
-- change that calls for it, drained by one paced worker. At most one pending item per
-- target (`item_key`): later changes coalesce into it because the worker renders from the
-- database at send time.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    guild_id      BIGINT NOT NULL,
    item_key      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    target        BIGINT,
    created_at    BIGINT NOT NULL,
    not_before    BIGINT NOT NULL,
    claimed_at    BIGINT,
    attempts      BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE UNIQUE INDEX outbox_one_pending_per_item ON outbox (item_key) WHERE claimed_at IS NULL;
CREATE INDEX outbox_due ON outbox (not_before);

-- The review card of each case, once posted.
CREATE TABLE cards (
    case_id     BIGINT PRIMARY KEY REFERENCES cases (id),
    channel_id  BIGINT NOT NULL,
    message_id  BIGINT NOT NULL,
    posted_at   BIGINT NOT NULL
);

-- Interactions already handled: a replayed gateway event changes nothing twice.
CREATE TABLE handled_interactions (
    interaction_id  BIGINT PRIMARY KEY,
    handled_at      BIGINT NOT NULL
);

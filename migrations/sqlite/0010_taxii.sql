-- The TAXII 2.1 feed. Each collection (report_now, held) of a server is an append-only
-- list of STIX object versions, written in the transaction of the lifecycle change that
-- adds a case to it or takes it out (a revoked version of its report). date_added
-- strictly increases within a collection (collection_heads hands it out under a row
-- lock), so paging by date never skips or repeats an object; every version's STIX
-- `modified` is its date_added.
CREATE TABLE collection_heads (
    guild_id   BIGINT NOT NULL,
    collection TEXT NOT NULL,
    last_added BIGINT NOT NULL,
    PRIMARY KEY (guild_id, collection)
);
CREATE TABLE collection_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    BIGINT NOT NULL,
    collection  TEXT NOT NULL,
    date_added  BIGINT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    case_id     BIGINT,
    decision    TEXT,
    revoked     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (guild_id, collection, date_added)
);
CREATE INDEX collection_entries_object ON collection_entries (guild_id, collection, object_id, date_added);
-- Agencies' credentials: the secret is shown once and kept as its SHA-256.
CREATE TABLE taxii_credentials (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    collections TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

-- /forget-me keeps a keyed pseudonym instead of the member's id: an HMAC of the server
-- and member with this installation's secret, so the rate limit, the track record and
-- "distinct members" still hold without the Discord id.
CREATE TABLE installation_secrets (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Members who used /forget-me, by pseudonym: what they do later is recorded under it.
CREATE TABLE forgotten_members (
    guild_id   BIGINT NOT NULL,
    pseudonym  BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (guild_id, pseudonym)
);

-- Languages: a server's language for public messages (review cards, calls to action,
-- board, digest), and a member's own choice for the answers they read (/language).

ALTER TABLE guilds ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- A member's chosen language on a server; personal data, deleted by /forget-me.
CREATE TABLE member_languages (
    guild_id   BIGINT NOT NULL,
    member_id  BIGINT NOT NULL,
    language   TEXT NOT NULL,
    chosen_at  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, member_id)
);

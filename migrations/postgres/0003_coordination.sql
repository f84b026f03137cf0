-- The public message of each decided case in the coordination channel (a call to action,
-- or an opt-in hold notice), edited in place as the case evolves.
CREATE TABLE notices (
    case_id     BIGINT PRIMARY KEY REFERENCES cases (id),
    channel_id  BIGINT NOT NULL,
    message_id  BIGINT NOT NULL,
    posted_at   BIGINT NOT NULL
);

-- "I reported it": counted once per member.
CREATE TABLE reported_it (
    case_id    BIGINT NOT NULL REFERENCES cases (id),
    member_id  BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (case_id, member_id)
);

-- Account status is an observation with a time: who saw what, when.
CREATE TABLE status_observations (
    id             BIGSERIAL PRIMARY KEY,
    case_id        BIGINT NOT NULL REFERENCES cases (id),
    status         TEXT NOT NULL,
    observer_id    BIGINT NOT NULL,
    by_moderator   BIGINT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX status_observations_case ON status_observations (case_id, at);

-- The status board of each server: one message, edited in place.
CREATE TABLE boards (
    guild_id      BIGINT PRIMARY KEY,
    channel_id    BIGINT NOT NULL,
    message_id    BIGINT NOT NULL,
    posted_at     BIGINT NOT NULL,
    last_edit_at  BIGINT NOT NULL
);

-- The review queue's summary message in each server.
CREATE TABLE queue_summaries (
    guild_id    BIGINT PRIMARY KEY,
    channel_id  BIGINT NOT NULL,
    message_id  BIGINT NOT NULL
);

-- Digests posted, one per server per UTC day.
CREATE TABLE digests (
    guild_id  BIGINT NOT NULL,
    day       BIGINT NOT NULL,
    PRIMARY KEY (guild_id, day)
);

-- Moderators' notes on a case.
CREATE TABLE case_notes (
    id         BIGSERIAL PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases (id),
    author_id  BIGINT NOT NULL,
    note       TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id);

-- Why a case's current round was opened (shown on its review card), and when the case
-- entered the review queue.
ALTER TABLE cases ADD COLUMN round_note TEXT;
ALTER TABLE cases ADD COLUMN queued_at BIGINT;

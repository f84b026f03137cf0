-- Campaign tools: /next hands report-now accounts to volunteers at a pace, and members
-- may withdraw their reports on cases still awaiting a decision.

-- At most this many accounts handed to one member per hour by /next.
ALTER TABLE guilds ADD COLUMN next_per_hour INTEGER NOT NULL DEFAULT 20;

-- Accounts /next handed to a member (by acting id: pseudonym once forgotten), when last
-- counted toward the hourly pace.
CREATE TABLE handouts (
    guild_id   BIGINT NOT NULL,
    member_id  BIGINT NOT NULL,
    case_id    BIGINT NOT NULL REFERENCES cases (id),
    handed_at  BIGINT NOT NULL,
    PRIMARY KEY (case_id, member_id)
);
CREATE INDEX handouts_member ON handouts (guild_id, member_id, handed_at);

-- The one live reservation of a case: while it lasts, the case is in no other member's
-- batch, so concurrent batches are disjoint.
CREATE TABLE reservations (
    case_id    BIGINT PRIMARY KEY REFERENCES cases (id),
    member_id  BIGINT NOT NULL,
    until      BIGINT NOT NULL
);

-- Batches of one server are handed out in turn (a row lock taken by an upsert), so two
-- members asking at once never read the same free cases.
CREATE TABLE batch_turns (
    guild_id  BIGINT PRIMARY KEY,
    at        BIGINT NOT NULL
);

-- A withdrawn report is kept (and audited) but counts toward nothing.
ALTER TABLE reports ADD COLUMN withdrawn_at BIGINT;

-- Every key a case is known by in its server: its own account key and any aliases
-- (`/case alias add`). The unique index is what keeps one account to one case, so a key
-- is refused by the database, not by a prior read, when another case already has it.
CREATE TABLE case_keys (
    guild_id     BIGINT NOT NULL,
    account_key  TEXT NOT NULL,
    case_id      BIGINT NOT NULL REFERENCES cases (id),
    PRIMARY KEY (guild_id, account_key)
);
CREATE INDEX case_keys_case ON case_keys (case_id);

INSERT INTO case_keys (guild_id, account_key, case_id) SELECT guild_id, account_key, id FROM cases;

-- A new case's own key joins the set in the same statement, whichever path opened it.
CREATE FUNCTION case_own_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_keys (guild_id, account_key, case_id) VALUES (NEW.guild_id, NEW.account_key, NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_own_key AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION case_own_key();

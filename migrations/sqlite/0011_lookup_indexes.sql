-- The latest events of one kind in a server (the TAXII feed's last pulls, read for
-- `/export` and `/case show`) without walking back through all its other events.
CREATE INDEX audit_events_kind ON audit_events (guild_id, kind, seq);
-- A case's entries in a collection (how many times its report entered it, read by every
-- decision change), without reading the whole collection: a decision must not get slower
-- as the feed grows.
CREATE INDEX collection_entries_case ON collection_entries (guild_id, collection, case_id);

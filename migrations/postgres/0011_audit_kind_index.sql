-- The latest events of one kind in a server (the TAXII feed's last pulls, read for
-- `/export` and `/case show`) without walking back through all its other events.
CREATE INDEX audit_events_kind ON audit_events (guild_id, kind, seq);

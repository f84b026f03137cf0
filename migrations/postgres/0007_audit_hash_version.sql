-- Which hash formula each audit event was written with: 1 for events written before
-- this migration, 2 (which also covers the server and the case, so an event cannot be
-- moved to another case undetected) for every event written after it.
ALTER TABLE audit_events ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;

-- The weekly digest: on this day the daily digest carries the 30-day chart (as a PNG).
ALTER TABLE guilds ADD COLUMN digest_weekday TEXT NOT NULL DEFAULT 'monday';

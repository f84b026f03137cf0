-- The public status page (issue 14): off while NULL; `/setup set public_page:true` sets a
-- random, unguessable slug (the page's path), so pages cannot be enumerated by server id.
ALTER TABLE guilds ADD COLUMN public_slug TEXT;
CREATE UNIQUE INDEX guilds_public_slug ON guilds (public_slug);

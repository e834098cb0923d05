-- Where a digest's zone came from: 'explicit' (named in `digest on`), 'subscriber' (the zone of the person who
-- turned it on) or 'workspace' (the workspace default, or the bot default while the workspace has none). Only
-- 'workspace' digests move when `config timezone` changes the default.
ALTER TABLE digest_subscriptions ADD COLUMN zone_source TEXT NOT NULL DEFAULT 'explicit';

-- Digests made before this migration without a zone took the workspace's zone, or UTC (the shipped bot default)
-- when the workspace had none; those follow the default from now on. A zone someone named stays 'explicit'.
UPDATE digest_subscriptions
SET zone_source = 'workspace'
WHERE time_zone = COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace = digest_subscriptions.workspace), 'UTC');

-- Which Enterprise Grid org a Slack workspace belongs to, learned from signed requests that carry both ids. With an
-- org-wide install (stored under the enterprise id), it lets the bot find the org's token when it later writes to
-- that workspace on its own (digests, reminders), when no request names the enterprise.
CREATE TABLE slack_team_enterprises (
    workspace     TEXT    NOT NULL PRIMARY KEY, -- T…
    enterprise_id TEXT    NOT NULL,             -- E…
    seen_at       INTEGER NOT NULL              -- Unix ms, UTC
) WITHOUT ROWID;

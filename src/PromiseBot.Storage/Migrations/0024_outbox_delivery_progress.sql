-- How far a multi-step send got (Slack: the message's ts, then per file its id and whether its completion was
-- started or confirmed), as a small JSON document written by the dispatcher before each call that must happen once,
-- so a retry or another host resumes instead of repeating it (SqlOutbox.SaveProgressAsync). NULL: nothing recorded.
ALTER TABLE outbox ADD COLUMN delivery_progress TEXT;

-- A create's delivery remembers the promise it made, so the same delivery run again (a Slack event whose first run
-- committed but was killed before its reply was queued) is answered with that promise instead of "already handled".
ALTER TABLE processed_deliveries ADD COLUMN promise_number INTEGER;

-- Buffer and aim (issue 14, item 2; Core's AimRule): each promise keeps the deadline the customer was given (due_at)
-- and an internal aim before it; reminders and the at-risk alert count toward the aim, the breach stays on due_at.
ALTER TABLE promises ADD COLUMN aim_at        INTEGER;                   -- the aim, UTC Unix ms; null = the deadline
ALTER TABLE promises ADD COLUMN aim_explicit  INTEGER NOT NULL DEFAULT 0; -- 1: typed or picked in a form, not the default rule
ALTER TABLE promises ADD COLUMN buffer_pct    INTEGER NOT NULL DEFAULT 0; -- the buffer share (0-90) the default aim keeps
ALTER TABLE promises ADD COLUMN inside_buffer INTEGER NOT NULL DEFAULT 0; -- 1: kept, but done after its aim

-- The aim an event left in force (ISO-8601 UTC) when it set or moved it, so the outcome fold replays "inside the
-- buffer" from the log alone.
ALTER TABLE promise_events ADD COLUMN aim TEXT;

-- The buffer shares: the workspace's (config buffer; 20% until set) and a category's own (sla #x buffer; null = the
-- workspace's). Who changed them and when is the row's updated_by / updated_at, as for the other settings.
ALTER TABLE workspace_settings ADD COLUMN buffer_pct INTEGER NOT NULL DEFAULT 20 CHECK (buffer_pct BETWEEN 0 AND 90);
ALTER TABLE sla_targets ADD COLUMN buffer_pct INTEGER CHECK (buffer_pct IS NULL OR buffer_pct BETWEEN 0 AND 90);

-- Promises made before this version keep aim = deadline (aim_at null, buffer 0): their reminders stay where they
-- were planned and queued (the escalation keys carry the due, which does not change), nobody gets a reminder
-- earlier than they were told, and a later extension keeps their aim on the deadline. Only new promises get a buffer.

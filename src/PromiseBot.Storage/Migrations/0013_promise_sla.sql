-- Each promise's business-time basis (issue 13): a promise whose due was counted in business time (a category's
-- target, or "within 4 business hours") keeps what it was counted from, so a pause, a calendar change or a target
-- change counts it again (Core's SlaSchedule). All null for a calendar deadline ("by Friday 5pm").
ALTER TABLE promises ADD COLUMN sla_calendar      TEXT;    -- a calendar name of the workspace; 'default' for the default
ALTER TABLE promises ADD COLUMN sla_start         INTEGER; -- when counting started, UTC Unix milliseconds
ALTER TABLE promises ADD COLUMN sla_amount        INTEGER;
ALTER TABLE promises ADD COLUMN sla_unit          INTEGER; -- SlaUnit: 0 business minutes, 1 business hours, 2 business days
ALTER TABLE promises ADD COLUMN sla_target        TEXT;    -- the category whose target gave the due; null for a phrase
ALTER TABLE promises ADD COLUMN sla_paused_ms     INTEGER NOT NULL DEFAULT 0; -- business time the clock stood still
ALTER TABLE promises ADD COLUMN sla_clock_stopped INTEGER NOT NULL DEFAULT 0; -- 1 while a pause stops the clock
ALTER TABLE promises ADD COLUMN sla_warn1_at      INTEGER; -- the ladder's warnings at shares of the target
ALTER TABLE promises ADD COLUMN sla_warn2_at      INTEGER;
-- When the current pause began (any promise): "paused for 2 h", and the business time a resume adds back.
ALTER TABLE promises ADD COLUMN paused_at         INTEGER;

-- A calendar or target change recomputes the open promises that count on it: found through these, not a scan.
CREATE INDEX ix_promises_sla_calendar ON promises (workspace, sla_calendar) WHERE sla_calendar IS NOT NULL AND status IN (0, 1);
CREATE INDEX ix_promises_sla_target   ON promises (workspace, sla_target)   WHERE sla_target IS NOT NULL AND status IN (0, 1);

-- Per target: the shares of it at which the ladder warns, and the pause reasons that stop its clock.
ALTER TABLE sla_targets ADD COLUMN warnings TEXT NOT NULL DEFAULT '50,75'; -- percent, ascending; '' for none
ALTER TABLE sla_targets ADD COLUMN pause_on TEXT NOT NULL DEFAULT '0';     -- PauseReason numbers; '' for none

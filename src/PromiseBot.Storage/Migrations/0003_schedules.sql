-- Channel digests: one subscription per channel, posted at local_time in time_zone (IANA) on the chosen days.
CREATE TABLE digest_subscriptions (
    workspace  TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    platform   TEXT    NOT NULL, -- ChatPlatform name
    local_time TEXT    NOT NULL, -- HH:mm, 24-hour
    days       TEXT    NOT NULL, -- weekdays | daily
    time_zone  TEXT    NOT NULL, -- IANA id
    quiet      INTEGER NOT NULL, -- 1: post nothing when nothing is due
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, channel)
) WITHOUT ROWID;

-- Escalation settings; a workspace without a row uses the defaults (20:00-08:00, 24 h and 4 h, no manager).
CREATE TABLE workspace_settings (
    workspace   TEXT    NOT NULL PRIMARY KEY,
    platform    TEXT    NOT NULL, -- where escalation DMs for this workspace go
    manager     TEXT,
    quiet_start TEXT    NOT NULL, -- HH:mm; equal to quiet_end: no quiet hours
    quiet_end   TEXT    NOT NULL,
    reminder_ms INTEGER NOT NULL, -- owner DM this long before due
    at_risk_ms  INTEGER NOT NULL, -- owner + backup DM this long before due
    time_zone   TEXT,             -- IANA; NULL: the bot's default
    updated_by  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- The escalation ladder's state. escalation_due_at is the due date the state belongs to: an extension starts a new
-- ladder. Steps: 0 none, 1 reminder, 2 at risk, 3 breach. next_escalation_at is when the minute scan must look at
-- the promise again (NULL: not open, or the ladder is finished); the scan reads only rows whose moment has come.
ALTER TABLE promises ADD COLUMN next_escalation_at INTEGER;
ALTER TABLE promises ADD COLUMN escalation_due_at INTEGER;
ALTER TABLE promises ADD COLUMN escalation_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE promises ADD COLUMN acked_step INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_promises_next_escalation ON promises (next_escalation_at) WHERE next_escalation_at IS NOT NULL;

-- The triggers keep next_escalation_at right for every change the promise store makes (create, extend, pause,
-- resume, done, cancel) without the store knowing about escalations. They mirror EscalationPlanner.NextEscalationAt:
-- the moment of the first unfired step. Recursive triggers are off (SQLite's default), and the scan's own updates
-- do not touch due_at or status, so these never re-fire themselves.
CREATE TRIGGER tr_promises_escalation_insert AFTER INSERT ON promises
BEGIN
    UPDATE promises
    SET escalation_due_at = NEW.due_at,
        next_escalation_at = CASE WHEN NEW.status = 0 THEN NEW.due_at - COALESCE(
            (SELECT reminder_ms FROM workspace_settings WHERE workspace = NEW.workspace), 86400000) END
    WHERE id = NEW.id;
END;

CREATE TRIGGER tr_promises_escalation_update AFTER UPDATE OF due_at, status ON promises
BEGIN
    UPDATE promises
    SET escalation_due_at = NEW.due_at,
        escalation_step = CASE WHEN escalation_due_at IS NEW.due_at THEN escalation_step ELSE 0 END,
        acked_step = CASE WHEN escalation_due_at IS NEW.due_at THEN acked_step ELSE 0 END,
        next_escalation_at = CASE
            WHEN NEW.status <> 0 THEN NULL
            ELSE CASE (CASE WHEN escalation_due_at IS NEW.due_at THEN escalation_step ELSE 0 END)
                WHEN 0 THEN NEW.due_at - COALESCE((SELECT reminder_ms FROM workspace_settings WHERE workspace = NEW.workspace), 86400000)
                WHEN 1 THEN NEW.due_at - COALESCE((SELECT at_risk_ms FROM workspace_settings WHERE workspace = NEW.workspace), 14400000)
                WHEN 2 THEN NEW.due_at
                ELSE NULL
            END
        END
    WHERE id = NEW.id;
END;

-- Promises that existed before this migration start their ladder now.
UPDATE promises
SET escalation_due_at = due_at,
    next_escalation_at = CASE WHEN status = 0 THEN due_at - 86400000 END;

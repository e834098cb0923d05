-- Service-level targets (issue 13): one per category of a workspace, counted in business time on one of the
-- workspace's calendars. Category names are stored lower-case, as the grammar reads them. Every query filters on the
-- workspace.
CREATE TABLE sla_targets (
    workspace  TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    unit       INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 2), -- 0 business minutes, 1 business hours, 2 business days
    calendar   TEXT    NOT NULL,                              -- a calendar name of the workspace; 'default' for the default
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,                              -- UTC Unix milliseconds
    PRIMARY KEY (workspace, category)
) WITHOUT ROWID;

-- "Which categories use this calendar" (a calendar in use is not removed).
CREATE INDEX ix_sla_targets_calendar ON sla_targets (workspace, calendar);

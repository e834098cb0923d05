-- Risk (issue 17, item 1; Core's RiskMatrix). The hand-set flags of each promise, by the names people type
-- ("vendor,customer-input"; RiskFlagSet); the automatic indicators are worked out when read, never stored, so they
-- follow the history and the owner's load as they change.
ALTER TABLE promises ADD COLUMN risk_flags TEXT NOT NULL DEFAULT '';

-- config capacity 8: more open promises than this due in the same 48 hours puts their owner at risk. Null: no limit.
ALTER TABLE workspace_settings ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000);

-- away @sam 2026-12-21 to 2026-12-28: days a person is away, both included, as ISO dates in the workspace's zone.
CREATE TABLE away (
    workspace TEXT    NOT NULL,
    person    TEXT    NOT NULL,
    first_day TEXT    NOT NULL, -- yyyy-MM-dd
    last_day  TEXT    NOT NULL, -- yyyy-MM-dd, >= first_day
    set_by    TEXT    NOT NULL,
    set_at    INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, person, first_day),
    CHECK (last_day >= first_day)
) WITHOUT ROWID;

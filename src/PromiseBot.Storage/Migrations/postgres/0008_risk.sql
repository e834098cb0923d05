-- Risk (issue 17, item 1; Core's RiskMatrix). SQLite's 0027: the hand-set flags of each promise by name, the
-- workspace's capacity, and the days people are away.
ALTER TABLE promises ADD COLUMN risk_flags text NOT NULL DEFAULT '';

ALTER TABLE workspace_settings ADD COLUMN capacity bigint CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000);

CREATE TABLE away (
    workspace text   NOT NULL,
    person    text   NOT NULL,
    first_day text   NOT NULL, -- yyyy-MM-dd
    last_day  text   NOT NULL, -- yyyy-MM-dd, >= first_day
    set_by    text   NOT NULL,
    set_at    bigint NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, person, first_day),
    CHECK (last_day >= first_day)
);

-- Guarantees and service credits (issue 17). A workspace's remedy tiers; the guarantee a promise was made with (the
-- tier's terms copied, so changing or removing a tier later never rewrites what was promised); its one service credit
-- (pending, then issued or waived once); and the workspace's currency. Money is integer minor units of an ISO 4217
-- code; shares are basis points (1% = 100).
CREATE TABLE guarantee_tiers (
    workspace TEXT    NOT NULL,
    name      TEXT    NOT NULL, -- lower case
    kind      INTEGER NOT NULL, -- RemedyKind: 0 per business day, 1 per day, 2 refund if late
    rate_bp   INTEGER NOT NULL CHECK (rate_bp BETWEEN 1 AND 10000),
    cap_bp    INTEGER NOT NULL CHECK (cap_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (workspace, name)
) WITHOUT ROWID;

CREATE TABLE promise_guarantees (
    workspace   TEXT    NOT NULL,
    promise_id  INTEGER NOT NULL REFERENCES promises (id),
    tier        TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    rate_bp     INTEGER NOT NULL,
    cap_bp      INTEGER NOT NULL,
    value_minor INTEGER NOT NULL CHECK (value_minor >= 0),
    currency    TEXT    NOT NULL,
    PRIMARY KEY (workspace, promise_id)
) WITHOUT ROWID;

-- One credit per promise (the key): a retried or repeated close recomputes it while pending and never enters a second.
CREATE TABLE service_credits (
    workspace    TEXT    NOT NULL,
    promise_id   INTEGER NOT NULL REFERENCES promises (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT    NOT NULL,
    days_late    INTEGER NOT NULL,
    broken       INTEGER NOT NULL, -- 0/1
    state        INTEGER NOT NULL, -- CreditState: 0 pending, 1 issued, 2 waived
    entered_at   INTEGER NOT NULL, -- UTC Unix ms: the close that entered (or last recomputed) it
    decided_at   INTEGER,
    decided_by   TEXT,
    reason       TEXT,
    PRIMARY KEY (workspace, promise_id)
) WITHOUT ROWID;

-- `credits [month]` and the monthly report read a workspace's credits by when they were entered.
CREATE INDEX service_credits_entered ON service_credits (workspace, entered_at);

CREATE TABLE workspace_currency (
    workspace TEXT NOT NULL PRIMARY KEY,
    currency  TEXT NOT NULL
) WITHOUT ROWID;

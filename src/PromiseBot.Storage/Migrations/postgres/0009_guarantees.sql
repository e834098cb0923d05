-- Guarantees and service credits (issue 17), SQLite's 0028. A workspace's remedy tiers; the guarantee a promise was made with (the
-- tier's terms copied, so changing or removing a tier later never rewrites what was promised); its one service credit
-- (pending, then issued or waived once); and the workspace's currency. Money is integer minor units of an ISO 4217
-- code; shares are basis points (1% = 100).
CREATE TABLE guarantee_tiers (
    workspace text    NOT NULL,
    name      text    NOT NULL, -- lower case
    kind      bigint NOT NULL, -- RemedyKind: 0 per business day, 1 per day, 2 refund if late
    rate_bp   bigint NOT NULL CHECK (rate_bp BETWEEN 1 AND 10000),
    cap_bp    bigint NOT NULL CHECK (cap_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (workspace, name)
);

CREATE TABLE promise_guarantees (
    workspace   text    NOT NULL,
    promise_id  bigint NOT NULL REFERENCES promises (id),
    tier        text    NOT NULL,
    kind        bigint NOT NULL,
    rate_bp     bigint NOT NULL,
    cap_bp      bigint NOT NULL,
    value_minor bigint NOT NULL CHECK (value_minor >= 0),
    currency    text    NOT NULL,
    PRIMARY KEY (workspace, promise_id)
);

-- One credit per promise (the key): a retried or repeated close recomputes it while pending and never enters a second.
CREATE TABLE service_credits (
    workspace    text    NOT NULL,
    promise_id   bigint NOT NULL REFERENCES promises (id),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    currency     text    NOT NULL,
    days_late    bigint NOT NULL,
    broken       bigint NOT NULL, -- 0/1
    state        bigint NOT NULL, -- CreditState: 0 pending, 1 issued, 2 waived
    entered_at   bigint NOT NULL, -- UTC Unix ms: the close that entered (or last recomputed) it
    decided_at   bigint,
    decided_by   text,
    reason       text,
    PRIMARY KEY (workspace, promise_id)
);

-- `credits [month]` and the monthly report read a workspace's credits by when they were entered.
CREATE INDEX service_credits_entered ON service_credits (workspace, entered_at);

CREATE TABLE workspace_currency (
    workspace text NOT NULL PRIMARY KEY,
    currency  text NOT NULL
);

-- Authority limits and approvals (issue 17): how far an owner may extend a deadline or credit a customer alone, and
-- the requests beyond those limits waiting for the workspace's manager (SqlApprovalStore). Every request and decision
-- is also an event in promise_events.
CREATE TABLE authority_limits (
    workspace       TEXT    NOT NULL PRIMARY KEY,
    extend_days     INTEGER,                       -- null: no extension limit
    extend_business INTEGER NOT NULL DEFAULT 1 CHECK (extend_business IN (0, 1)), -- business days (1) or calendar days (0)
    credit_minor    INTEGER,                       -- null: no credit limit; integer minor units of credit_currency
    credit_currency TEXT
) WITHOUT ROWID;

-- Request ids are per workspace, like promise numbers: the upsert that hands one out locks the workspace's row.
CREATE TABLE approval_counters (
    workspace TEXT    NOT NULL PRIMARY KEY,
    next_id   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE approval_requests (
    workspace       TEXT    NOT NULL,
    id              INTEGER NOT NULL,
    promise_number  INTEGER NOT NULL,
    promise_version INTEGER NOT NULL, -- the version it was asked about: a promise changed since makes it stale
    kind            TEXT    NOT NULL, -- ApprovalKind by name: Extension, Credit
    what            TEXT    NOT NULL,
    new_due_at      INTEGER,          -- Extension: the deadline asked for, Unix ms UTC
    reason          TEXT,
    requested_by    TEXT    NOT NULL,
    manager         TEXT    NOT NULL,
    requested_at    INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'Pending', -- ApprovalState by name
    decided_by      TEXT,
    decided_at      INTEGER,
    decision_note   TEXT,
    reminded_at     INTEGER,          -- the one reminder to the manager
    PRIMARY KEY (workspace, id)
) WITHOUT ROWID;

-- `approvals` lists a workspace's pending requests; the reminder scan reads pending, unreminded ones across workspaces.
CREATE INDEX approval_requests_pending ON approval_requests (workspace, state, requested_at);
CREATE INDEX approval_requests_unreminded ON approval_requests (requested_at) WHERE state = 'Pending' AND reminded_at IS NULL;

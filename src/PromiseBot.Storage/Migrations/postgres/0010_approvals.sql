-- Authority limits and approvals (issue 17): how far an owner may extend a deadline or credit a customer alone, and
-- the requests beyond those limits waiting for the workspace's manager (SqlApprovalStore). SQLite's 0029.
CREATE TABLE authority_limits (
    workspace       text   NOT NULL PRIMARY KEY,
    extend_days     bigint,
    extend_business bigint NOT NULL DEFAULT 1 CHECK (extend_business IN (0, 1)),
    credit_minor    bigint,
    credit_currency text
);

-- Request ids are per workspace, like promise numbers: the upsert that hands one out locks the workspace's row.
CREATE TABLE approval_counters (
    workspace text   NOT NULL PRIMARY KEY,
    next_id   bigint NOT NULL
);

CREATE TABLE approval_requests (
    workspace       text   NOT NULL,
    id              bigint NOT NULL,
    promise_number  bigint NOT NULL,
    promise_version bigint NOT NULL,
    kind            text   NOT NULL,
    what            text   NOT NULL,
    new_due_at      bigint,
    reason          text,
    requested_by    text   NOT NULL,
    manager         text   NOT NULL,
    requested_at    bigint NOT NULL,
    state           text   NOT NULL DEFAULT 'Pending',
    decided_by      text,
    decided_at      bigint,
    decision_note   text,
    reminded_at     bigint,
    PRIMARY KEY (workspace, id)
);

CREATE INDEX approval_requests_pending ON approval_requests (workspace, state, requested_at);
CREATE INDEX approval_requests_unreminded ON approval_requests (requested_at) WHERE state = 'Pending' AND reminded_at IS NULL;

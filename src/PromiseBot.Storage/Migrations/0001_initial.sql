-- Per-workspace promise numbers. One row per workspace; the writer bumps next_number inside the create transaction.
CREATE TABLE workspace_counters (
    workspace   TEXT    NOT NULL PRIMARY KEY,
    next_number INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE promises (
    id           INTEGER PRIMARY KEY,
    workspace    TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    customer     TEXT,
    owner        TEXT    NOT NULL,
    backup       TEXT,
    category     TEXT,
    due_at       INTEGER NOT NULL, -- Unix milliseconds, UTC
    made_by      TEXT    NOT NULL,
    made_at      INTEGER NOT NULL,
    channel      TEXT    NOT NULL,
    source_link  TEXT,
    status       INTEGER NOT NULL, -- PromiseStatus
    pause_reason INTEGER,
    status_note  TEXT,
    done_at      INTEGER,
    version      INTEGER NOT NULL,
    UNIQUE (workspace, number)
);

CREATE INDEX ix_promises_channel  ON promises (workspace, channel, status, due_at);
CREATE INDEX ix_promises_owner    ON promises (workspace, owner, status, due_at);
CREATE INDEX ix_promises_backup   ON promises (workspace, backup, status, due_at);
CREATE INDEX ix_promises_status   ON promises (workspace, status, due_at);

-- The audit history: every change appends a row; nothing is updated or deleted.
CREATE TABLE promise_events (
    id         INTEGER PRIMARY KEY,
    workspace  TEXT    NOT NULL,
    promise_id INTEGER NOT NULL REFERENCES promises (id),
    kind       TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    note       TEXT
);

CREATE INDEX ix_promise_events_promise ON promise_events (workspace, promise_id, id);

-- De-duplication of platform deliveries (Slack trigger_id / event_id, Teams activity id). The primary key makes a
-- second delivery of the same request fail inside the transaction that would have applied it again.
CREATE TABLE processed_deliveries (
    workspace    TEXT    NOT NULL,
    delivery_key TEXT    NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (workspace, delivery_key)
) WITHOUT ROWID;

CREATE INDEX ix_processed_deliveries_at ON processed_deliveries (processed_at);

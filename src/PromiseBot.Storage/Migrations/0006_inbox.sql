-- Inbound platform events accepted for processing (Slack Events API): acknowledged once stored, processed by a
-- worker. Unique on the event id and on the dedup key (a message's team/channel/ts), so retries are stored once.
-- Done rows are kept a day (the de-duplication window), then pruned.
CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY,
    source          TEXT    NOT NULL,
    workspace       TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    dedup_key       TEXT,
    body            TEXT    NOT NULL,
    received_at     INTEGER NOT NULL, -- Unix ms, UTC
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,          -- NULL once done or given up
    done_at         INTEGER,
    last_error      TEXT,
    UNIQUE (source, workspace, event_id)
);

CREATE UNIQUE INDEX ux_inbox_dedup ON inbox (source, workspace, dedup_key) WHERE dedup_key IS NOT NULL;
CREATE INDEX ix_inbox_due ON inbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

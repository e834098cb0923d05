-- Outgoing messages (the transactional outbox). A row is written in the same transaction as the change that caused
-- it and sent later by the dispatcher, so a crash between "decided" and "posted" loses nothing.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    workspace        TEXT    NOT NULL,
    -- UNIQUE so a re-fired job or a restarted host that enqueues the same message again adds nothing.
    idempotency_key  TEXT    NOT NULL,
    platform         TEXT    NOT NULL, -- ChatPlatform name
    destination_kind TEXT    NOT NULL, -- DestinationKind name: Channel | User
    address          TEXT    NOT NULL, -- channel / conversation id, or user id for a DM
    message          TEXT    NOT NULL, -- ReplyJson
    guard_number     INTEGER,          -- DeliveryGuard, when the message must be re-checked before sending
    guard_step       TEXT,
    guard_due_at     INTEGER,          -- Unix milliseconds, UTC
    status           TEXT    NOT NULL, -- pending | sending | sent | failed | dropped
    attempts         INTEGER NOT NULL, -- failed attempts so far (network, 5xx)
    next_attempt_at  INTEGER NOT NULL, -- Unix ms: pending -> due time; sending -> end of the claim's lease
    sent_at          INTEGER,
    message_id       TEXT,             -- the platform's id of the posted message (Slack ts)
    conversation     TEXT,             -- where it was posted (the DM channel for a user)
    last_error       TEXT,
    UNIQUE (workspace, idempotency_key)
);

-- The dispatcher's only scan: due rows by status and time.
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

-- Copies of clicked messages whose form is open (Slack's "Extend…" modal), so the host that gets the submission can
-- redraw the message, whichever host saw the click (SqlPendingRedrawStore). Taken once, or pruned after expiry.
CREATE TABLE pending_redraws (
    workspace    TEXT    NOT NULL,
    id           TEXT    NOT NULL, -- 128 random bits in hex, handed out in the form's metadata
    content      TEXT    NOT NULL, -- the adapter's message (Slack: its blocks JSON), at most 64 K characters
    message_text TEXT,             -- the message's fallback text
    created_at   INTEGER NOT NULL, -- Unix ms, UTC
    expires_at   INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, id)
) WITHOUT ROWID;

-- Housekeeping deletes by expiry across workspaces.
CREATE INDEX pending_redraws_expiry ON pending_redraws (expires_at);

-- Copies of clicked messages whose form is open (Slack's "Extend…" modal), so the host that gets the submission can
-- redraw the message, whichever host saw the click (SqlPendingRedrawStore). Taken once, or pruned after expiry.
-- SQLite's 0022.
CREATE TABLE pending_redraws (
    workspace    text   NOT NULL,
    id           text   NOT NULL, -- 128 random bits in hex, handed out in the form's metadata
    content      text   NOT NULL, -- the adapter's message (Slack: its blocks JSON), at most 64 K characters
    message_text text,            -- the message's fallback text
    created_at   bigint NOT NULL, -- Unix ms, UTC
    expires_at   bigint NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, id)
);

-- Housekeeping deletes by expiry across workspaces.
CREATE INDEX pending_redraws_expiry ON pending_redraws (expires_at);

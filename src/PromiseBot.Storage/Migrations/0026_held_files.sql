-- Files held until they expire (SqlHeldFileStore): a Teams export offered with a file consent card, uploaded once the
-- person accepts it, or served from a short-lived download link. Pruned after expiry.
CREATE TABLE held_files (
    workspace  TEXT    NOT NULL,
    id         TEXT    NOT NULL, -- 128 random bits in hex, handed out in the card
    file_name  TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    content    BLOB    NOT NULL,
    created_at INTEGER NOT NULL, -- Unix ms, UTC
    expires_at INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, id)
) WITHOUT ROWID;

-- Housekeeping deletes by expiry across workspaces.
CREATE INDEX held_files_expiry ON held_files (expires_at);

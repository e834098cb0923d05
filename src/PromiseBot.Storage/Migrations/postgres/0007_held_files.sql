-- Files held until they expire (SqlHeldFileStore): a Teams export offered with a file consent card, uploaded once the
-- person accepts it, or served from a short-lived download link. Pruned after expiry. SQLite's 0026.
CREATE TABLE held_files (
    workspace  text   NOT NULL,
    id         text   NOT NULL, -- 128 random bits in hex, handed out in the card
    file_name  text   NOT NULL,
    media_type text   NOT NULL,
    content    bytea  NOT NULL,
    created_at bigint NOT NULL, -- Unix ms, UTC
    expires_at bigint NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, id)
);

-- Housekeeping deletes by expiry across workspaces.
CREATE INDEX held_files_expiry ON held_files (expires_at);

-- Retention, export and erasure (issue 18, items 3 and 4; Core's DataLifecycleService, SqlDataLifecycleStore). How
-- many years a closed promise is kept (config retention 7 years), and the workspace's retention archive: the records
-- the daily retention job deleted, one gzip-compressed JSON document per batch, written in the batch's transaction
-- so the records can still be produced (export all holds them).
ALTER TABLE workspace_settings ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 7 CHECK (retention_years BETWEEN 1 AND 100);

CREATE TABLE retention_archives (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace    TEXT    NOT NULL,
    archived_at  INTEGER NOT NULL, -- Unix ms, UTC
    closed_before INTEGER NOT NULL, -- Unix ms, UTC: the batch held promises closed before this
    promises     INTEGER NOT NULL,
    first_number INTEGER NOT NULL,
    last_number  INTEGER NOT NULL,
    content      BLOB    NOT NULL  -- gzip of a JSON object: table name -> rows (column -> value)
);

CREATE INDEX ix_retention_archives_workspace ON retention_archives (workspace, id);

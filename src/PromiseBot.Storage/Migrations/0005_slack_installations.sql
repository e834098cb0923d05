-- Slack OAuth v2 installs (many workspaces). One row per install, keyed by the team id, or by the enterprise id for
-- an org-wide install (is_enterprise_install = 1). The host encrypts the tokens (ASP.NET Core Data Protection)
-- before they reach this table: a raw xoxb-/xoxe- token is never written to the database file.
CREATE TABLE slack_installations (
    workspace               TEXT    NOT NULL PRIMARY KEY, -- T… or, org-wide, E…
    team_id                 TEXT,
    team_name               TEXT,
    enterprise_id           TEXT,
    enterprise_name         TEXT,
    is_enterprise_install   INTEGER NOT NULL DEFAULT 0,
    app_id                  TEXT,
    bot_user_id             TEXT    NOT NULL,
    scopes                  TEXT,
    access_token_protected  TEXT    NOT NULL,
    refresh_token_protected TEXT,             -- token rotation only
    expires_at              INTEGER,          -- Unix ms, UTC; null: the access token does not expire
    installed_at            INTEGER NOT NULL, -- Unix ms, UTC
    updated_at              INTEGER NOT NULL  -- Unix ms, UTC
) WITHOUT ROWID;

-- OAuth state values from GET /slack/install: only their SHA-256 is kept; single use, short-lived.
CREATE TABLE slack_oauth_states (
    state_hash TEXT    NOT NULL PRIMARY KEY,
    created_at INTEGER NOT NULL, -- Unix ms, UTC
    expires_at INTEGER NOT NULL, -- Unix ms, UTC
    used_at    INTEGER           -- Unix ms, UTC; null until the callback consumes it
) WITHOUT ROWID;

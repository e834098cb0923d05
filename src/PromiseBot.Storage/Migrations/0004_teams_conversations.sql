-- Teams conversation references: what the Bot Connector needs to write into a conversation later (digests,
-- escalation DMs). One row per conversation per workspace (Teams: workspace = 'teams:{tenantId}'); an inbound
-- activity or an install event upserts it. Slack never writes here.
CREATE TABLE conversation_references (
    workspace         TEXT    NOT NULL,
    conversation_id   TEXT    NOT NULL,
    conversation_type TEXT    NOT NULL, -- personal | groupChat | channel
    service_url       TEXT    NOT NULL,
    tenant_id         TEXT    NOT NULL,
    bot_id            TEXT    NOT NULL,
    user_id           TEXT,             -- personal chats only: the user's 29: id
    aad_object_id     TEXT,             -- personal chats only
    updated_at        INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, conversation_id)
) WITHOUT ROWID;

CREATE INDEX ix_conversation_references_user ON conversation_references (workspace, user_id) WHERE user_id IS NOT NULL;

-- Users the bot cannot write to (Teams 403 MessageWritesBlocked: blocked or uninstalled). No row: reachable.
CREATE TABLE unreachable_users (
    workspace TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    since     INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, user_id)
) WITHOUT ROWID;

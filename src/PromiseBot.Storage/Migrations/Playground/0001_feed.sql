-- The playground's chat history and clock. Applied only to the playground's own database, when the playground
-- starts (PlaygroundFeedStore.EnsureCreatedAsync), never to a production file; recorded in
-- playground_schema_migrations. IF NOT EXISTS: playground files made before this folder existed already have them.
CREATE TABLE IF NOT EXISTS playground_feed (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT    NOT NULL, -- FeedKind name
    address TEXT    NOT NULL, -- channel id or person id
    at_ms   INTEGER NOT NULL, -- playground time, unix ms
    author  TEXT    NULL,     -- the person who typed a command; NULL for the bot
    source  TEXT    NOT NULL, -- FeedSource name
    body    TEXT    NOT NULL  -- ReplyJson, or the typed text for Command items
);
CREATE INDEX IF NOT EXISTS playground_feed_by_address ON playground_feed (kind, address, id);
CREATE TABLE IF NOT EXISTS playground_clock (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    offset_ms INTEGER NOT NULL
);

-- Per-destination pacing shared by every host on the database: one row per channel, person or conversation the
-- outbox posts to. A dispatcher reserves the destination's next send slots here before sending (about one message a
-- second per Slack channel), and a 429's Retry-After holds the destination here, so two hosts pace one channel
-- together instead of each at its own pace.
CREATE TABLE outbox_destinations (
    workspace    TEXT    NOT NULL,
    destination  TEXT    NOT NULL, -- platform|kind|address
    next_send_at INTEGER NOT NULL, -- Unix ms: the first slot nobody has reserved yet
    held_until   INTEGER NOT NULL, -- Unix ms: the platform asked us to wait until then (429); 0 if never
    PRIMARY KEY (workspace, destination)
);

-- The pace slot (Unix ms) a row holds: set when pacing deferred it to that slot, so that when it comes due it is sent
-- without reserving another (a backlog is deferred once per row, then sent one per interval). NULL: it holds none.
ALTER TABLE outbox ADD COLUMN pace_slot INTEGER;

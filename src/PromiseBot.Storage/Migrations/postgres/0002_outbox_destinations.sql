-- SQLite's 0021: per-destination pacing shared by every host (see there).
CREATE TABLE outbox_destinations (
    workspace    text   NOT NULL,
    destination  text   NOT NULL, -- platform|kind|address
    next_send_at bigint NOT NULL, -- Unix ms: the first slot nobody has reserved yet
    held_until   bigint NOT NULL, -- Unix ms: the platform asked us to wait until then (429); 0 if never
    PRIMARY KEY (workspace, destination)
);

ALTER TABLE outbox ADD COLUMN pace_slot bigint; -- Unix ms: the pace slot a deferred row holds; NULL: none

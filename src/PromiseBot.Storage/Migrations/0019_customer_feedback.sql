-- Customer feedback (issue 14): the customer's current score of a closed promise, recorded on their behalf. One row
-- per promise (a later score replaces it); every score recorded is also a FeedbackRecorded row in promise_events.
CREATE TABLE customer_feedback (
    workspace   TEXT    NOT NULL,
    promise_id  INTEGER NOT NULL REFERENCES promises (id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    recorded_by TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL, -- UTC Unix ms
    PRIMARY KEY (workspace, promise_id)
) WITHOUT ROWID;

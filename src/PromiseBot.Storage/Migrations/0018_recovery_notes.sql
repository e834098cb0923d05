-- Recovery notes (issue 14): after a breach, what we did about it. One current note per promise, keyed like the
-- promise (workspace + its number); a later note replaces the row, and every note is also a RecoveryNoted event in
-- promise_events, so the history keeps them all.
CREATE TABLE recovery_notes (
    workspace     TEXT    NOT NULL,
    number        INTEGER NOT NULL,
    customer_told INTEGER,          -- 1 yes, 0 no, null not said
    apology_given INTEGER,          -- 1 yes, 0 no, null not said
    cause         TEXT    NOT NULL, -- RecoveryCause by name
    cause_text    TEXT,
    fix           TEXT,
    prevention    TEXT,
    written_by    TEXT    NOT NULL,
    written_at    INTEGER NOT NULL, -- UTC Unix ms
    PRIMARY KEY (workspace, number)
) WITHOUT ROWID;

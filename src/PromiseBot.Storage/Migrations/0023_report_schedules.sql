-- Channels' scheduled reports (SqlReportScheduleStore): at most one weekly and one monthly per channel.
CREATE TABLE report_schedules (
    workspace   TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    cadence     TEXT    NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
    platform    TEXT    NOT NULL,
    day         INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7), -- ISO weekday of a weekly report (1 = Monday)
    local_time  TEXT    NOT NULL, -- HH:mm
    time_zone   TEXT    NOT NULL, -- IANA id
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, channel, cadence)
) WITHOUT ROWID;

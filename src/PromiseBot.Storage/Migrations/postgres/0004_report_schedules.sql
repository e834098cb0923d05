-- Channels' scheduled reports (SqlReportScheduleStore): at most one weekly and one monthly per channel. SQLite's 0023.
CREATE TABLE report_schedules (
    workspace   text   NOT NULL,
    channel     text   NOT NULL,
    cadence     text   NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
    platform    text   NOT NULL,
    day         bigint NOT NULL CHECK (day BETWEEN 1 AND 7), -- ISO weekday of a weekly report (1 = Monday)
    local_time  text   NOT NULL, -- HH:mm
    time_zone   text   NOT NULL, -- IANA id
    created_by  text   NOT NULL,
    created_at  bigint NOT NULL, -- Unix ms, UTC
    PRIMARY KEY (workspace, channel, cadence)
);

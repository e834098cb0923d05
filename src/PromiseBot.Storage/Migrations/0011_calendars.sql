-- Business calendars (issue 13): per workspace, a name, a zone, weekly hours and holidays. A workspace's default
-- calendar ('default') has no row until it is first changed: until then it is Mon-Fri 09:00-17:00 in the workspace
-- zone. Every row carries its workspace and every query filters on it.
CREATE TABLE calendars (
    workspace  TEXT    NOT NULL,
    name       TEXT    NOT NULL, -- lower-case letters, digits and dashes; 'default' for the workspace default
    time_zone  TEXT    NOT NULL, -- IANA id
    PRIMARY KEY (workspace, name)
) WITHOUT ROWID;

-- Open intervals per ISO weekday (1 = Monday .. 7 = Sunday), half-open [open_minute, close_minute) in minutes of the
-- local day; 1440 is 24:00. A weekday without rows is closed.
CREATE TABLE calendar_hours (
    workspace    TEXT    NOT NULL,
    calendar     TEXT    NOT NULL,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    open_minute  INTEGER NOT NULL CHECK (open_minute BETWEEN 0 AND 1439),
    close_minute INTEGER NOT NULL CHECK (close_minute BETWEEN 1 AND 1440 AND close_minute > open_minute),
    PRIMARY KEY (workspace, calendar, weekday, open_minute),
    FOREIGN KEY (workspace, calendar) REFERENCES calendars (workspace, name) ON DELETE CASCADE
) WITHOUT ROWID;

-- Closed local dates (yyyy-MM-dd in the calendar's zone), one name each; the key makes an import idempotent.
CREATE TABLE calendar_holidays (
    workspace  TEXT    NOT NULL,
    calendar   TEXT    NOT NULL,
    local_date TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (workspace, calendar, local_date),
    FOREIGN KEY (workspace, calendar) REFERENCES calendars (workspace, name) ON DELETE CASCADE
) WITHOUT ROWID;

-- /readyz proves the database takes writes by upserting this host's row (IOperationsStore.ProbeWriteAsync). Not
-- customer data, so no workspace: one row per host name, overwritten at each probe.
CREATE TABLE health_probe (
    host      TEXT    PRIMARY KEY,
    probed_at INTEGER NOT NULL -- Unix ms, UTC
);

-- /readyz proves the database takes writes by upserting this host's row (IOperationsStore.ProbeWriteAsync). Not
-- customer data, so no workspace: one row per host name, overwritten at each probe. SQLite's 0031.
CREATE TABLE health_probe (
    host      TEXT   PRIMARY KEY,
    probed_at BIGINT NOT NULL -- Unix ms, UTC
);

-- The report's and the export's period (SqlReportStore.InPeriod): promises closed in it, or whose deadline or first
-- broken deadline lies in it. One index per range, each led by the workspace, so the three ranges are read as a
-- BitmapOr instead of every promise of the workspace. closed_at and breached_due are null while open (or never
-- breached), so those two stay partial. SQLite's 0025.
CREATE INDEX ix_promises_period_closed ON promises (workspace, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ix_promises_period_due ON promises (workspace, due_at);
CREATE INDEX ix_promises_period_breached ON promises (workspace, breached_due) WHERE breached_due IS NOT NULL;

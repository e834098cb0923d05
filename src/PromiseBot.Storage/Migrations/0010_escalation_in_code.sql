-- The escalation ladder is stated once, in C# (EscalationPlanner): the stores write next_escalation_at themselves
-- on every create and update of a promise and when a workspace's reminder settings change. The triggers of 0003,
-- which repeated the ladder (and its 24 h / 4 h defaults) in SQL, go. The migrator then recomputes
-- next_escalation_at for every open promise with the planner, in this migration's transaction (Migrator's C# step
-- for version 10), so an upgraded database holds exactly what the planner says.
DROP TRIGGER IF EXISTS tr_promises_escalation_insert;
DROP TRIGGER IF EXISTS tr_promises_escalation_update;

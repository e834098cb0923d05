-- A pause that stopped the business clock says so on its Paused event (issue 14): a promise closed before the
-- resume is judged at the moment the pause began, and the outcome replays from the log alone (OutcomeRules).
ALTER TABLE promise_events ADD COLUMN clock_stopped INTEGER NOT NULL DEFAULT 0; -- 1: this pause stopped the clock

-- Promises paused right now with their clock stopped: their latest Paused event is the one that stopped it. Pauses
-- that ended before this version stay unmarked; the outcomes they led to are kept as they were decided.
UPDATE promise_events SET clock_stopped = 1
WHERE id IN (
    SELECT max(e.id)
    FROM promise_events e
    JOIN promises p ON p.id = e.promise_id AND p.workspace = e.workspace
    WHERE e.kind = 'Paused' AND p.status = 1 AND p.sla_clock_stopped = 1
    GROUP BY e.promise_id);

-- How each closed promise ended (issue 14; Core's OutcomeRules): computed at close, cleared by a reopen. The rules
-- fold over the event log, so a recomputation gives the same; these columns carry the fold forward between changes.
ALTER TABLE promises ADD COLUMN outcome      INTEGER; -- Outcome: 0 kept, 1 kept after renegotiation, 2 late, 3 broken, 4 withdrawn; null while open
ALTER TABLE promises ADD COLUMN late_ms      INTEGER; -- late or broken: how late, ms (business time for SLA promises)
ALTER TABLE promises ADD COLUMN late_from    INTEGER; -- late or broken: the deadline it is late against, UTC Unix ms
ALTER TABLE promises ADD COLUMN closed_at    INTEGER; -- when it was done, cancelled or broken, UTC Unix ms
ALTER TABLE promises ADD COLUMN breached_due INTEGER; -- the first deadline in force that passed while open
ALTER TABLE promises ADD COLUMN renegotiated INTEGER NOT NULL DEFAULT 0; -- 1: extended with a reason before the deadline passed

-- Promises closed before this version: done ones judged against their last due (wall time); cancelled ones against
-- their last due at the time of the cancel event.
UPDATE promises
SET outcome = CASE WHEN done_at <= due_at THEN 0 ELSE 2 END,
    late_from = CASE WHEN done_at > due_at THEN due_at END,
    late_ms = CASE WHEN done_at > due_at THEN done_at - due_at END,
    closed_at = done_at
WHERE status = 2 AND done_at IS NOT NULL;

UPDATE promises
SET closed_at = (SELECT MAX(e.at) FROM promise_events e
                 WHERE e.workspace = promises.workspace AND e.promise_id = promises.id AND e.kind = 'Cancelled')
WHERE status = 3;

UPDATE promises
SET outcome = CASE WHEN closed_at > due_at THEN 3 ELSE 4 END,
    late_from = CASE WHEN closed_at > due_at THEN due_at END,
    late_ms = CASE WHEN closed_at > due_at THEN closed_at - due_at END
WHERE status = 3 AND closed_at IS NOT NULL;

-- list kept / late / broken.
CREATE INDEX ix_promises_outcome ON promises (workspace, outcome, due_at) WHERE outcome IS NOT NULL;

-- Breaches repeat each business day until someone acts (issue 13): a breached promise nobody acknowledged is looked
-- at again by the scan, which decides from its calendar when the next repeat is due. Promises breached before this
-- version finished their ladder (no next moment); this gives them the "look now" the stores write from now on
-- (EscalationPlanner.NextEscalationAt: a breach standing unacknowledged is looked at from its due).
UPDATE promises
   SET next_escalation_at = due_at
 WHERE status = 0 AND escalation_step = 3 AND acked_step < 3 AND escalation_due_at = due_at AND next_escalation_at IS NULL;

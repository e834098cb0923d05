-- Recently closed promises with their outcome: the digest's "closed in the last 24 hours" (per channel) and the App
-- Home's "closed in the last 7 days" (per owner). closed_at is null while open (a reopen clears it), so both stay small.
CREATE INDEX ix_promises_closed_channel ON promises (workspace, channel, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ix_promises_closed_owner   ON promises (workspace, owner, closed_at)   WHERE closed_at IS NOT NULL;

-- Then the migrator's C# step for this version recomputes every promise's outcome fields from its event log with
-- OutcomeRules (the same fold the close path steps through), replacing the approximation 0015's SQL made for
-- promises closed before outcomes existed (it judged them against their last due, so an extension after the
-- deadline washed the breach away).

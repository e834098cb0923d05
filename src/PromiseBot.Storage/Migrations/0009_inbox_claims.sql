-- Inbox rows are claimed in the database with a lease, like the outbox: a worker (on any host) sets claimed_until
-- and claimed_by in one conditional UPDATE, so two workers can never take the same event at once. A claim whose
-- lease ran out belongs to a worker that died mid-event; the row is claimed again. Completing or failing an event
-- clears the claim.
ALTER TABLE inbox ADD COLUMN claimed_until INTEGER; -- Unix ms, UTC; NULL: not claimed
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;

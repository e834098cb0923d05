-- Credit approvals (issue 17): a Credit request carries the amount it asks to issue, in integer minor units of an
-- ISO 4217 currency, as the ledger had it when asked (the promise's version pins it: a reclose makes the request stale).
ALTER TABLE approval_requests ADD COLUMN credit_minor INTEGER;
ALTER TABLE approval_requests ADD COLUMN credit_currency TEXT;

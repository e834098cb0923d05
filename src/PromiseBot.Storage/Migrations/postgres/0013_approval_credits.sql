-- Credit approvals (issue 17): the amount a Credit request asks to issue. SQLite's 0032.
ALTER TABLE approval_requests ADD COLUMN credit_minor bigint;
ALTER TABLE approval_requests ADD COLUMN credit_currency text;

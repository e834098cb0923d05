-- A create's delivery remembers the promise it made (see SQLite's 0033).
ALTER TABLE processed_deliveries ADD COLUMN promise_number integer;

-- Reminders: one row per item a reminder is due for (a milestone not reported by its due date,
-- a delivered request's follow-up), kept by the notifier's consumer in the transaction of its
-- checkpoint; the notifier's poller turns a due row into notifications in the outbox and
-- deletes it in one transaction: it fires once, also after a downtime that spanned its time.
CREATE TABLE notify.reminders (
  key text PRIMARY KEY,
  kind text NOT NULL,
  request_id text NOT NULL,
  item jsonb NOT NULL,
  audiences jsonb NOT NULL,
  due_at timestamptz NOT NULL
);
CREATE INDEX reminders_due_idx ON notify.reminders (due_at);

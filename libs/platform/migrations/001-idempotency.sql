-- Idempotency keys of commands: a retry with the same key (same actor) gets the first answer.
CREATE SCHEMA IF NOT EXISTS commands;
CREATE TABLE commands.idempotency_keys (
  actor_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);

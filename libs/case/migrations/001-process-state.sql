-- The process managers' state, one row per process instance, and the commands they could not carry out.
CREATE SCHEMA IF NOT EXISTS case_process;
CREATE TABLE case_process.state (
  process text NOT NULL,
  key text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (process, key)
);
-- Commands a process manager could not carry out (a domain rule refused them): kept for
-- the Secretariat to look at, instead of blocking every later event.
CREATE TABLE case_process.dead_letters (
  id bigserial PRIMARY KEY,
  process text NOT NULL,
  event_id uuid NOT NULL,
  command jsonb NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

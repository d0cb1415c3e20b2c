-- Notifications (docs/architecture.md, "Notifications"). Kept by the notifier: its durable
-- event-store consumer writes `items` and `outbox` in the transaction that moves its
-- checkpoint; its dispatcher sends the outbox rows and records the outcome on them.
CREATE SCHEMA IF NOT EXISTS notify;

-- Who is told, by e-mail: a person (the token's subject) with the role, country or organisation
-- the token carries, the address and the language the messages are written in. Kept by the
-- operators (docs/architecture.md says how); the directory's contact points are organisations',
-- not persons', and are not used as recipients.
CREATE TABLE notify.recipients (
  subject text PRIMARY KEY,
  role text NOT NULL,
  country text,
  organisation text,
  email text NOT NULL,
  language text NOT NULL,
  -- notification kinds this person does not want by e-mail
  muted_kinds text[] NOT NULL DEFAULT '{}',
  unsubscribe_token text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An organisation's system told over HTTP: the kinds it wants, where, and the shared secret
-- its deliveries are signed with.
CREATE TABLE notify.webhook_subscriptions (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  kinds text[] NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What the notifier knows of each case to address and filter its notifications: a request's
-- country and restriction, an engagement's request and provider (facts jsonb).
CREATE TABLE notify.items (
  id text PRIMARY KEY,
  facts jsonb NOT NULL
);

-- One row per notification to one target (a recipient or a subscription). The id is derived
-- from the event, the kind and the target: a batch replayed after a crash writes the same ids
-- (ON CONFLICT DO NOTHING), and a webhook's delivery id is this id.
CREATE TABLE notify.outbox (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
  target text NOT NULL,
  kind text NOT NULL,
  event_id text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text
);
CREATE INDEX outbox_due_idx ON notify.outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_target_idx ON notify.outbox (channel, target, created_at);

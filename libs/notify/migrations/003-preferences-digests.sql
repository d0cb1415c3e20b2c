-- Preferences, digests and the deployment's defaults; offers' reminders; sealed webhook secrets
-- (docs/architecture.md, "Notifications").

-- The deployment's defaults, set by the Secretariat (POST /notifications/defaults): what a person
-- who has not chosen gets. One row.
CREATE TABLE notify.defaults (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  channels text[] NOT NULL DEFAULT '{email}',
  muted_kinds text[] NOT NULL DEFAULT '{}',
  digest text NOT NULL DEFAULT 'immediate' CHECK (digest IN ('immediate', 'daily', 'weekly')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
INSERT INTO notify.defaults DEFAULT VALUES;

-- A person's own choices; NULL: the deployment's default. `next_digest_at`: when their next
-- digest is due (set at the first notification held for it, moved past the clock when it fires).
ALTER TABLE notify.recipients
  ALTER COLUMN muted_kinds DROP NOT NULL,
  ALTER COLUMN muted_kinds DROP DEFAULT,
  ADD COLUMN channels text[],
  ADD COLUMN digest text CHECK (digest IN ('immediate', 'daily', 'weekly')),
  ADD COLUMN next_digest_at timestamptz;

-- `held`: an e-mail kept for its recipient's digest; `digested`: sent in the digest `digest_id`.
ALTER TABLE notify.outbox
  DROP CONSTRAINT outbox_status_check,
  ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'dead', 'held', 'digested')),
  ADD COLUMN digest_id uuid;
CREATE INDEX outbox_held_idx ON notify.outbox (target) WHERE status = 'held';

-- Offers' reminders (about to expire) name no request.
ALTER TABLE notify.reminders ALTER COLUMN request_id DROP NOT NULL;

-- What the notifier keeps of an offer: its provider, to remind it again after an extension.
CREATE TABLE notify.offers (
  offer_id text PRIMARY KEY,
  provider_id text NOT NULL
);

-- Subscriptions made over HTTP: who made them. Secrets are sealed (AES-256-GCM, NOTIFY_SECRETS_KEY)
-- when the deployment has a key: `enc:v1:...`; rows from before stay readable as they are.
ALTER TABLE notify.webhook_subscriptions ADD COLUMN created_by text;

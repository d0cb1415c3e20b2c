-- Sign-in and service accounts (schema identity): the relying party's sign-in attempts and
-- sessions, and the client credentials of organisations' systems with a record of their use.
-- Secrets and session ids are stored as SHA-256 hashes only.
CREATE SCHEMA IF NOT EXISTS identity;

-- One row per sign-in under way: the PKCE verifier, state and nonce of an authorization request,
-- found again by the browser's short-lived cookie; deleted when the provider answers.
CREATE TABLE identity.sign_in_attempts (
  id_hash text PRIMARY KEY,
  provider text NOT NULL,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Server-side sessions: the cookie holds a random id, this row the actor it stands for.
CREATE TABLE identity.sessions (
  id_hash text PRIMARY KEY,
  actor jsonb NOT NULL,
  name text,
  provider text NOT NULL,
  -- for RP-initiated logout (id_token_hint)
  id_token text,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON identity.sessions (expires_at);

-- Client credentials of an organisation's system (the client_credentials grant at POST /auth/token).
CREATE TABLE identity.service_accounts (
  client_id text PRIMARY KEY,
  organisation_id text NOT NULL,
  role text NOT NULL,
  name text NOT NULL,
  secret_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text
);
CREATE INDEX service_accounts_organisation ON identity.service_accounts (organisation_id);

-- Access tokens issued to service accounts (opaque; hashed); revoking the account ends them.
CREATE TABLE identity.service_tokens (
  token_hash text PRIMARY KEY,
  client_id text NOT NULL REFERENCES identity.service_accounts (client_id),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Every call a service account made: visible to its organisation and to the Secretariat.
CREATE TABLE identity.service_account_uses (
  id bigserial PRIMARY KEY,
  client_id text NOT NULL REFERENCES identity.service_accounts (client_id),
  at timestamptz NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_id text
);
CREATE INDEX service_account_uses_client ON identity.service_account_uses (client_id, at DESC);

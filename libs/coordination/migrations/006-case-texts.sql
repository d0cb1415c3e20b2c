-- The `case_texts` read model (every text a party wrote on a case, with its translations). A
-- database created at an older shape gets the table empty: the texts of events projected
-- before it appear after `npm run rebuild:read-models -- case_texts`.
CREATE TABLE IF NOT EXISTS coordination.case_texts (
  owner_id text PRIMARY KEY,
  owner_kind text NOT NULL,
  request_id text,
  offer_id text,
  languages text[] NOT NULL,
  texts jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL);
CREATE INDEX IF NOT EXISTS case_texts_request_idx ON coordination.case_texts (request_id);

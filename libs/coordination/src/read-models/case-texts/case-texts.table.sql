-- The `case_texts` read model's table ({{table}}: coordination.case_texts, or a rebuild's new
-- table; {{name}}: the prefix of its index names). Its entity, case-texts.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  -- The log position (commit order) this version of the row became valid at: "as of" (docs/read-models.md).
  valid_from bigint NOT NULL DEFAULT 0,
  owner_id text PRIMARY KEY,
  owner_kind text NOT NULL,
  request_id text,
  offer_id text,
  languages text[] NOT NULL,
  texts jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_request_idx ON {{table}} (request_id);

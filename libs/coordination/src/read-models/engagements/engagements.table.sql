-- The `engagements` read model's table ({{table}}: coordination.engagements, or a rebuild's new table;
-- {{name}}: the prefix of its index names). Its entity, engagements.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  -- The log position (commit order) this version of the row became valid at: "as of" (docs/read-models.md).
  valid_from bigint NOT NULL DEFAULT 0,
  engagement_id text PRIMARY KEY,
  request_id text NOT NULL,
  offer_id text NOT NULL,
  provider_id text NOT NULL,
  country text NOT NULL,
  amount bigint NOT NULL,
  unit_kind text NOT NULL,
  currency text,
  score double precision NOT NULL,
  reasons text[] NOT NULL,
  status text NOT NULL,
  accepted_by text[] NOT NULL,
  proposed_at timestamptz NOT NULL,
  agreed_at timestamptz,
  activated_at timestamptz,
  completed_at timestamptz,
  acknowledged_at timestamptz,
  contested_at timestamptz,
  contest_reason text,
  ended_at timestamptz,
  end_reason text,
  status_since timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL,
  version integer,
  implementer_id text);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_proposed_idx ON {{table}} (proposed_at, engagement_id);
CREATE INDEX {{name}}_request_idx ON {{table}} (request_id);
CREATE INDEX {{name}}_offer_idx ON {{table}} (offer_id);
CREATE INDEX {{name}}_provider_idx ON {{table}} (provider_id, status);
CREATE INDEX {{name}}_country_idx ON {{table}} (country, status);
-- The figures' index: the columns the counts and aggregates of the coordinated view read (summary,
-- pipeline, coverage, countries, funding, overdue), so that they scan this narrow index instead of
-- the wide rows (index-only), live and "as of" (`valid_from <= cut`). docs/read-models.md.
CREATE INDEX {{name}}_figures_idx ON {{table}} (valid_from) INCLUDE (engagement_id, request_id, provider_id, country, status, status_since, amount, unit_kind, currency);

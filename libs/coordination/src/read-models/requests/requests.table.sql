-- The `requests` read model's table ({{table}}: coordination.requests, or a rebuild's new table;
-- {{name}}: the prefix of its index names). Its entity, requests.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  -- The log position (commit order) this version of the row became valid at: "as of" (docs/read-models.md).
  valid_from bigint NOT NULL DEFAULT 0,
  request_id text PRIMARY KEY,
  country text NOT NULL,
  title jsonb NOT NULL,
  beneficiary_institution text NOT NULL,
  institution_key text NOT NULL,
  articles text[] NOT NULL,
  ta_types text[] NOT NULL,
  classified boolean NOT NULL,
  priority text,
  state_priority text,
  status text NOT NULL,
  restricted boolean NOT NULL,
  preferred_languages text[] NOT NULL,
  desired_from date,
  desired_to date,
  sources jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  submitted_by text NOT NULL,
  opened_at timestamptz,
  matched_at timestamptz,
  delivery_started_at timestamptz,
  delivered_at timestamptz,
  ended_at timestamptz,
  end_reason text,
  need_met text,
  status_since timestamptz NOT NULL,
  engagement_ids text[] NOT NULL,
  live_engagements integer NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL,
  version integer);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_submitted_idx ON {{table}} (submitted_at, request_id);
CREATE INDEX {{name}}_updated_idx ON {{table}} (updated_at, request_id);
CREATE INDEX {{name}}_country_idx ON {{table}} (country, status);
CREATE INDEX {{name}}_status_idx ON {{table}} (status, opened_at);
CREATE INDEX {{name}}_articles_idx ON {{table}} USING gin (articles);
CREATE INDEX {{name}}_sources_idx ON {{table}} USING gin (sources jsonb_path_ops);
-- The figures' index: the columns the counts and aggregates of the coordinated view read (summary,
-- pipeline, coverage, countries, funding, overdue), so that they scan this narrow index instead of
-- the wide rows (index-only), live and "as of" (`valid_from <= cut`). docs/read-models.md.
CREATE INDEX {{name}}_figures_idx ON {{table}} (valid_from) INCLUDE (request_id, country, status, status_since, restricted, articles, ta_types, live_engagements, opened_at, submitted_at);

-- The `offers` read model's table ({{table}}: coordination.offers, or a rebuild's new table;
-- {{name}}: the prefix of its index names). Its entity, offers.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  -- The log position (commit order) this version of the row became valid at: "as of" (docs/read-models.md).
  valid_from bigint NOT NULL DEFAULT 0,
  offer_id text PRIMARY KEY,
  provider_id text NOT NULL,
  provider_kind text NOT NULL,
  ta_types text[] NOT NULL,
  articles text[] NOT NULL,
  eligible_countries text[] NOT NULL,
  eligible_regions text[] NOT NULL,
  languages text[] NOT NULL,
  modality text NOT NULL,
  capacity_kind text NOT NULL,
  currency text,
  capacity bigint NOT NULL,
  committed bigint NOT NULL,
  remaining bigint NOT NULL,
  available_from date NOT NULL,
  available_to date NOT NULL,
  title jsonb NOT NULL,
  status text NOT NULL,
  registered_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL,
  version integer,
  provider_country text);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_registered_idx ON {{table}} (registered_at, offer_id);
CREATE INDEX {{name}}_provider_idx ON {{table}} (provider_id, status);
CREATE INDEX {{name}}_countries_idx ON {{table}} USING gin (eligible_countries);
-- The figures' index: the columns the counts and aggregates of the coordinated view read (summary,
-- pipeline, coverage, countries, funding, overdue), so that they scan this narrow index instead of
-- the wide rows (index-only), live and "as of" (`valid_from <= cut`). docs/read-models.md.
CREATE INDEX {{name}}_figures_idx ON {{table}} (valid_from) INCLUDE (offer_id, provider_id, status, capacity_kind, currency, capacity, committed, remaining, articles, ta_types);

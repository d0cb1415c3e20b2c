-- The `milestones` read model's table ({{table}}: coordination.milestones, or a rebuild's new table;
-- {{name}}: the prefix of its index names). Its entity, milestones.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  -- The log position (commit order) this version of the row became valid at: "as of" (docs/read-models.md).
  valid_from bigint NOT NULL DEFAULT 0,
  milestone_key text PRIMARY KEY,
  engagement_id text NOT NULL,
  milestone_id text NOT NULL,
  request_id text NOT NULL,
  offer_id text NOT NULL,
  title jsonb NOT NULL,
  due_date date NOT NULL,
  original_due_date date NOT NULL,
  status text NOT NULL,
  planned_at timestamptz NOT NULL,
  reported_at timestamptz,
  confirmed_at timestamptz,
  disputed_at timestamptz,
  dispute_reason text,
  reschedule_count integer NOT NULL,
  reschedule_reason text,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL,
  version integer);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_engagement_idx ON {{table}} (engagement_id, planned_at);
CREATE INDEX {{name}}_due_idx ON {{table}} (due_date) WHERE status <> 'confirmed';
-- The figures' index: the columns the counts and aggregates of the coordinated view read (summary,
-- pipeline, coverage, countries, funding, overdue), so that they scan this narrow index instead of
-- the wide rows (index-only), live and "as of" (`valid_from <= cut`). docs/read-models.md.
CREATE INDEX {{name}}_figures_idx ON {{table}} (valid_from) INCLUDE (engagement_id, request_id, status, due_date);

-- The `request_history` read model's table ({{table}}: coordination.request_history, or a rebuild's new table;
-- {{name}}: the prefix of its index names). Its entity, request-history.entity.ts, maps the same columns.
CREATE TABLE {{table}} (
  event_id uuid PRIMARY KEY,
  request_id text NOT NULL,
  event_type text NOT NULL,
  actor_id text NOT NULL,
  actor_role text NOT NULL,
  occurred_at timestamptz NOT NULL,
  reason text,
  details jsonb NOT NULL,
  commit_order bigint NOT NULL,
  global_position bigint NOT NULL);

-- Secondary indexes (a rebuild builds them after its bulk load).
CREATE INDEX {{name}}_request_idx ON {{table}} (request_id, commit_order, global_position);

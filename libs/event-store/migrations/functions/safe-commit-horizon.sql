-- The readable horizon of the all-stream: every transaction below it has ended, so no event
-- with a lower commit_order can still appear.
CREATE OR REPLACE FUNCTION event_store.safe_commit_horizon() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint + (SELECT xid_offset FROM event_store.settings)
$$;

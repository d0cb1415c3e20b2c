-- Called at start: after a restore into a cluster whose transaction counter is behind the
-- stored commit orders, raise the offset so that new events still sort after old ones.
CREATE OR REPLACE FUNCTION event_store.ensure_commit_order_monotonic() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_max bigint;
  v_next bigint;
  v_offset bigint;
BEGIN
  SELECT max(e.commit_order) INTO v_max FROM event_store.events e;
  SELECT xid_offset INTO v_offset FROM event_store.settings FOR UPDATE;
  v_next := pg_current_xact_id()::text::bigint + v_offset;
  IF v_max IS NOT NULL AND v_next <= v_max THEN
    v_offset := v_offset + (v_max - v_next) + 1;
    UPDATE event_store.settings SET xid_offset = v_offset;
  END IF;
  RETURN v_offset;
END
$$;

-- Group commit (docs/event-store.md, "Group commit"): several appends in one transaction;
-- p_events[i] (a JSON array of arrays) goes to p_streams[i]. Every stream's advisory lock is taken first, in key order, so that two groups
-- (or a group and a single append) cannot deadlock on each other. The appends then run in
-- array order (a stream named twice sees the first append's events). Answers one row per
-- append; ok = false (version = the actual version) for a wrong expected version.
CREATE OR REPLACE FUNCTION event_store.append_group(p_streams text[], p_expected_kinds text[], p_expected bigint[], p_events jsonb)
RETURNS TABLE (ord int, ok boolean, version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_key bigint;
  v_commit bigint;
  v_now timestamptz := now();
  r record;
BEGIN
  IF cardinality(p_streams) IS DISTINCT FROM cardinality(p_expected_kinds)
     OR cardinality(p_streams) IS DISTINCT FROM cardinality(p_expected)
     OR cardinality(p_streams) IS DISTINCT FROM jsonb_array_length(p_events) THEN
    RAISE EXCEPTION 'append_group: arrays of different lengths' USING ERRCODE = '22023';
  END IF;
  FOR v_key IN SELECT DISTINCT hashtextextended('event_store:' || s, 0) FROM unnest(p_streams) s ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;
  SELECT pg_current_xact_id()::text::bigint + s.xid_offset INTO v_commit FROM event_store.settings s;
  FOR i IN 1..cardinality(p_streams) LOOP
    r := event_store.append_locked(p_streams[i], p_expected_kinds[i], p_expected[i], p_events -> (i - 1), v_commit, v_now);
    ord := i;
    ok := r.ok;
    version := r.version;
    last_global_position := r.last_global_position;
    commit_order := CASE WHEN r.ok THEN v_commit END;
    RETURN NEXT;
  END LOOP;
END
$$;

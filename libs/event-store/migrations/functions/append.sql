-- Appends events to one stream, enforcing the expected version: takes the stream's advisory
-- lock (before this transaction gets its id, so that within one stream a later append always
-- has a higher commit_order), then append_locked. p_events is a JSON array of
-- {id, type, schemaVersion, data, metadata}. Raises SQLSTATE 'ES409' on a wrong expected version
-- with DETAIL as JSON {stream, expectedKind, expected, actual}.
CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb)
RETURNS TABLE (version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_commit bigint;
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream, 0));
  SELECT pg_current_xact_id()::text::bigint + s.xid_offset INTO v_commit FROM event_store.settings s;
  r := event_store.append_locked(p_stream, p_expected_kind, p_expected, p_events, v_commit, now());
  IF NOT r.ok THEN
    RAISE EXCEPTION 'wrong expected version for stream %', p_stream USING
      ERRCODE = 'ES409',
      DETAIL = json_build_object('stream', p_stream, 'expectedKind', p_expected_kind,
                                 'expected', p_expected, 'actual', r.version)::text;
  END IF;
  RETURN QUERY SELECT r.version, r.last_global_position, v_commit;
END
$$;

-- The caller holds the stream's advisory lock. Appends p_events (a JSON array) to p_stream if
-- the expected version holds; otherwise inserts nothing and answers ok = false with the actual
-- version.
CREATE OR REPLACE FUNCTION event_store.append_locked(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb,
                                          p_commit bigint, p_now timestamptz,
                                          OUT ok boolean, OUT version bigint, OUT last_global_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n int := jsonb_array_length(p_events);
  v_cur bigint;
  v_hash bytea;
  v_hashes bytea[];
  v_event jsonb;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'no events to append' USING ERRCODE = '22023';
  END IF;
  SELECT e.stream_position, e.hash INTO v_cur, v_hash
    FROM event_store.events e WHERE e.stream_id = p_stream ORDER BY e.stream_position DESC LIMIT 1;
  IF NOT FOUND THEN
    v_cur := 0;
    v_hash := decode(repeat('00', 32), 'hex');
  END IF;
  ok := CASE p_expected_kind WHEN 'any' THEN true WHEN 'no_stream' THEN v_cur = 0
          WHEN 'stream_exists' THEN v_cur > 0 WHEN 'exact' THEN v_cur = p_expected END;
  IF ok IS NULL THEN
    RAISE EXCEPTION 'unknown expected version kind %', p_expected_kind USING ERRCODE = '22023';
  ELSIF NOT ok THEN
    version := v_cur;
    RETURN;
  END IF;
  IF n = 1 THEN
    v_event := p_events -> 0;
    INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
    VALUES (p_commit, (v_event->>'id')::uuid, p_stream, v_cur + 1, v_event->>'type', (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', p_now,
            event_store.event_hash(v_hash, p_stream, v_cur + 1, (v_event->>'id')::uuid, v_event->>'type',
                                   (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', p_now))
    RETURNING global_position INTO last_global_position;
  ELSE
    v_hashes := '{}';
    FOR i IN 1..n LOOP
      v_event := p_events -> (i - 1);
      v_hash := event_store.event_hash(v_hash, p_stream, v_cur + i, (v_event->>'id')::uuid, v_event->>'type',
                                       (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', p_now);
      v_hashes := array_append(v_hashes, v_hash);
    END LOOP;
    WITH inserted AS (
      INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
      SELECT p_commit, (e->>'id')::uuid, p_stream, v_cur + t.ord, e->>'type', (e->>'schemaVersion')::int, e->'data', e->'metadata',
             p_now, v_hashes[t.ord]
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
        ORDER BY t.ord
      RETURNING global_position
    )
    SELECT max(global_position) INTO last_global_position FROM inserted;
  END IF;
  version := v_cur + n;
END
$$;

-- A command's append and its Idempotency-Key in one statement, so one round trip and one
-- transaction (CommandExecutor; docs/architecture.md): event_store.append (the stream's lock,
-- taken before the transaction has an id; the expected version; the chained hash), then the key
-- with the command's answer, completed here with where the events went. When another request
-- holds the key (a duplicate sent at the same moment), the INSERT waits for it; if it committed,
-- SQLSTATE 'IK409' is raised and nothing of this statement is kept: the caller answers with the
-- first request's result.
CREATE OR REPLACE FUNCTION commands.append_once(p_actor text, p_key text, p_request_hash text, p_stream text, p_expected_kind text,
                                                p_expected bigint, p_events jsonb, p_response jsonb)
RETURNS TABLE (version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r record;
BEGIN
  SELECT a.version AS v, a.last_global_position AS g, a.commit_order AS c INTO r
    FROM event_store.append(p_stream, p_expected_kind, p_expected, p_events) a;
  INSERT INTO commands.idempotency_keys AS k (actor_id, key, request_hash, response)
  VALUES (p_actor, p_key, p_request_hash,
          p_response || jsonb_build_object('version', r.v, 'globalPosition', r.g,
                                           'logPosition', jsonb_build_object('commit', r.c::text, 'position', r.g)))
  ON CONFLICT (actor_id, key) DO NOTHING;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'idempotency key % of % is taken', p_key, p_actor USING ERRCODE = 'IK409';
  END IF;
  RETURN QUERY SELECT r.v, r.g, r.c;
END
$$;

import type { MigrationSet } from '@ta/postgres';

/**
 * The PostgreSQL event store schema. See docs/event-store.md for the reasoning.
 *
 * - A stream's version is its last event's position. `event_store.append` takes the
 *   stream's advisory lock, reads that position (and the hash the chain continues from) from
 *   the (stream_id, stream_position) index and checks the expected version in SQL; the
 *   unique (stream_id, stream_position) constraint backs it, so two writers can never both
 *   succeed for one version, whatever the client does. (001 kept versions in a `streams`
 *   table; 003 dropped it.)
 * - `events.commit_order` is the writing transaction's id (xid8, plus an offset that only
 *   grows, see `settings.xid_offset`). Readers order the all-stream by
 *   (commit_order, global_position) and read only below the oldest transaction still
 *   running (`pg_snapshot_xmin`), so a transaction that commits late can never be skipped.
 * - An advisory lock per stream is taken before the first write, so that within one stream
 *   a later append always has a higher transaction id: the all-stream keeps each stream's
 *   order.
 */
export const eventStoreMigrations: MigrationSet = {
  name: 'event_store',
  migrations: [
    {
      id: '001-events',
      sql: `
CREATE SCHEMA IF NOT EXISTS event_store;

CREATE TABLE event_store.settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- Added to transaction ids so that commit_order keeps growing after a restore into a
  -- cluster whose transaction counter is lower (see event_store.ensure_commit_order_monotonic).
  xid_offset bigint NOT NULL DEFAULT 0
);
INSERT INTO event_store.settings DEFAULT VALUES;

CREATE TABLE event_store.streams (
  stream_id text PRIMARY KEY CHECK (length(stream_id) BETWEEN 1 AND 200),
  version bigint NOT NULL CHECK (version >= 0)
);

CREATE TABLE event_store.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  commit_order bigint NOT NULL,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_position bigint NOT NULL CHECK (stream_position >= 1),
  event_type text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
  schema_version integer NOT NULL CHECK (schema_version >= 1),
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- The all-stream order; global_position alone is unique by construction (identity).
  CONSTRAINT events_pkey PRIMARY KEY (commit_order, global_position),
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_position_unique UNIQUE (stream_id, stream_position)
);

-- The readable horizon of the all-stream: every transaction below it has ended.
CREATE FUNCTION event_store.safe_commit_horizon() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint + (SELECT xid_offset FROM event_store.settings)
$$;

-- Append events to one stream, enforcing the expected version. p_events is a JSON array of
-- {id, type, schemaVersion, data, metadata}. Raises SQLSTATE 'ES409' on a version conflict
-- with DETAIL as JSON {stream, expected, actual}.
CREATE FUNCTION event_store.append(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb)
RETURNS TABLE (version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n bigint := jsonb_array_length(p_events);
  v_new bigint;
  v_actual bigint;
  v_commit bigint;
  v_last bigint;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'no events to append' USING ERRCODE = '22023';
  END IF;
  -- Serialise appenders of this stream before this transaction gets its id (see header).
  PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream, 0));

  IF p_expected_kind = 'no_stream' OR (p_expected_kind = 'exact' AND p_expected = 0) THEN
    INSERT INTO event_store.streams AS s (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO NOTHING RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'exact' THEN
    UPDATE event_store.streams AS s SET version = s.version + n
      WHERE s.stream_id = p_stream AND s.version = p_expected RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'stream_exists' THEN
    UPDATE event_store.streams AS s SET version = s.version + n
      WHERE s.stream_id = p_stream RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'any' THEN
    INSERT INTO event_store.streams AS s (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n RETURNING s.version INTO v_new;
  ELSE
    RAISE EXCEPTION 'unknown expected version kind %', p_expected_kind USING ERRCODE = '22023';
  END IF;

  IF v_new IS NULL THEN
    SELECT s.version INTO v_actual FROM event_store.streams s WHERE s.stream_id = p_stream;
    RAISE EXCEPTION 'wrong expected version for stream %', p_stream USING
      ERRCODE = 'ES409',
      DETAIL = json_build_object('stream', p_stream, 'expectedKind', p_expected_kind,
                                 'expected', p_expected, 'actual', coalesce(v_actual, 0))::text;
  END IF;

  v_commit := pg_current_xact_id()::text::bigint + (SELECT xid_offset FROM event_store.settings);
  WITH inserted AS (
    INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata)
    SELECT v_commit, (e->>'id')::uuid, p_stream, v_new - n + t.ord, e->>'type', (e->>'schemaVersion')::int, e->'data', e->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
      ORDER BY t.ord
    RETURNING global_position
  )
  SELECT max(global_position) INTO v_last FROM inserted;

  RETURN QUERY SELECT v_new, v_last, v_commit;
END
$$;

-- Called at start: after a restore into a cluster whose transaction counter is behind the
-- stored commit orders, raise the offset so that new events still sort after old ones.
CREATE FUNCTION event_store.ensure_commit_order_monotonic() RETURNS bigint
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

CREATE TABLE event_store.consumers (
  name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
  commit_order bigint NOT NULL DEFAULT 0,
  global_position bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
    },
    {
      // Tamper evidence (docs/audit.md): each event's hash chains to its predecessor in its
      // stream, computed inside event_store.append under the stream's advisory lock (so
      // appends to different streams never wait on each other for it); `seals` holds the
      // Merkle seals of the all-stream written by the audit sealer (@ta/audit).
      id: '002-hash-chain',
      sql: `
-- The canonical bytes of one event, chained to its predecessor in the stream, hashed:
--   SHA-256( prev_hash (32 bytes; 32 zero bytes for stream position 1)
--         || u32 len || stream_id (UTF-8)      || i64 stream_position
--         || event_id (16 bytes)                || u32 len || event_type (UTF-8)
--         || i32 schema_version
--         || u32 len || data::text (UTF-8)      || u32 len || metadata::text (UTF-8)
--         || i64 recorded_at (microseconds since 1970-01-01 UTC) )
-- Integers big-endian; len = byte length. jsonb::text is PostgreSQL's canonical rendering of
-- the stored value (keys sorted, fixed spacing), so the same bytes come back at every read.
-- Recomputed outside the database by @ta/audit's verifier; keep both in step.
CREATE FUNCTION event_store.event_hash(p_prev bytea, p_stream text, p_position bigint, p_event_id uuid, p_type text,
                                       p_schema_version integer, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz)
RETURNS bytea LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  v_stream bytea := convert_to(p_stream, 'UTF8');
  v_type bytea := convert_to(p_type, 'UTF8');
  v_data bytea := convert_to(p_data::text, 'UTF8');
  v_metadata bytea := convert_to(p_metadata::text, 'UTF8');
BEGIN
  RETURN sha256(
    p_prev
    || int4send(octet_length(v_stream)) || v_stream
    || int8send(p_position)
    || uuid_send(p_event_id)
    || int4send(octet_length(v_type)) || v_type
    || int4send(p_schema_version)
    || int4send(octet_length(v_data)) || v_data
    || int4send(octet_length(v_metadata)) || v_metadata
    || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint));
END
$$;

ALTER TABLE event_store.events ADD COLUMN hash bytea;

-- Existing events are hashed in stream order.
DO $$
DECLARE
  r record;
  v_stream text := NULL;
  v_hash bytea;
BEGIN
  FOR r IN SELECT * FROM event_store.events ORDER BY stream_id, stream_position LOOP
    IF v_stream IS DISTINCT FROM r.stream_id THEN
      v_stream := r.stream_id;
      v_hash := decode(repeat('00', 32), 'hex');
    END IF;
    v_hash := event_store.event_hash(v_hash, r.stream_id, r.stream_position, r.event_id, r.event_type, r.schema_version,
                                     r.data, r.metadata, r.recorded_at);
    UPDATE event_store.events SET hash = v_hash
     WHERE commit_order = r.commit_order AND global_position = r.global_position;
  END LOOP;
END
$$;

ALTER TABLE event_store.events
  ALTER COLUMN hash SET NOT NULL,
  ADD CONSTRAINT events_hash_length CHECK (octet_length(hash) = 32);

-- As in 001, plus the hash chain: the predecessor's hash is read under the stream's advisory
-- lock (one index probe), each new event's hash computed in order, all inserted at once.
-- A stream whose last event is missing (deleted behind the platform's back) refuses appends
-- with SQLSTATE 'ES422' rather than start a new chain over the hole.
CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb)
RETURNS TABLE (version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n bigint := jsonb_array_length(p_events);
  v_new bigint;
  v_actual bigint;
  v_commit bigint;
  v_last bigint;
  v_now timestamptz := now();
  v_hash bytea;
  v_hashes bytea[] := '{}';
  v_event jsonb;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'no events to append' USING ERRCODE = '22023';
  END IF;
  -- Serialise appenders of this stream before this transaction gets its id (see header).
  PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream, 0));

  IF p_expected_kind = 'no_stream' OR (p_expected_kind = 'exact' AND p_expected = 0) THEN
    INSERT INTO event_store.streams AS s (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO NOTHING RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'exact' THEN
    UPDATE event_store.streams AS s SET version = s.version + n
      WHERE s.stream_id = p_stream AND s.version = p_expected RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'stream_exists' THEN
    UPDATE event_store.streams AS s SET version = s.version + n
      WHERE s.stream_id = p_stream RETURNING s.version INTO v_new;
  ELSIF p_expected_kind = 'any' THEN
    INSERT INTO event_store.streams AS s (stream_id, version) VALUES (p_stream, n)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n RETURNING s.version INTO v_new;
  ELSE
    RAISE EXCEPTION 'unknown expected version kind %', p_expected_kind USING ERRCODE = '22023';
  END IF;

  IF v_new IS NULL THEN
    SELECT s.version INTO v_actual FROM event_store.streams s WHERE s.stream_id = p_stream;
    RAISE EXCEPTION 'wrong expected version for stream %', p_stream USING
      ERRCODE = 'ES409',
      DETAIL = json_build_object('stream', p_stream, 'expectedKind', p_expected_kind,
                                 'expected', p_expected, 'actual', coalesce(v_actual, 0))::text;
  END IF;

  IF v_new = n THEN
    v_hash := decode(repeat('00', 32), 'hex');
  ELSE
    SELECT e.hash INTO v_hash FROM event_store.events e WHERE e.stream_id = p_stream AND e.stream_position = v_new - n;
    IF v_hash IS NULL THEN
      RAISE EXCEPTION 'hash chain of stream % is broken: its event at position % is missing', p_stream, v_new - n
        USING ERRCODE = 'ES422';
    END IF;
  END IF;
  FOR i IN 1..n LOOP
    v_event := p_events -> (i - 1)::int;
    v_hash := event_store.event_hash(v_hash, p_stream, v_new - n + i, (v_event->>'id')::uuid, v_event->>'type',
                                     (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', v_now);
    v_hashes := array_append(v_hashes, v_hash);
  END LOOP;

  v_commit := pg_current_xact_id()::text::bigint + (SELECT xid_offset FROM event_store.settings);
  WITH inserted AS (
    INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
    SELECT v_commit, (e->>'id')::uuid, p_stream, v_new - n + t.ord, e->>'type', (e->>'schemaVersion')::int, e->'data', e->'metadata',
           v_now, v_hashes[t.ord]
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
      ORDER BY t.ord
    RETURNING global_position
  )
  SELECT max(global_position) INTO v_last FROM inserted;

  RETURN QUERY SELECT v_new, v_last, v_commit;
END
$$;

-- The all-stream sealed in blocks (docs/audit.md): seal n covers the events after seal n-1's
-- last position up to and including its own, in (commit_order, global_position) order.
-- Written by @ta/audit's sealer together with its checkpoint and a LogSealed event.
CREATE TABLE event_store.seals (
  seal_no bigint PRIMARY KEY CHECK (seal_no >= 1),
  first_commit_order bigint NOT NULL,
  first_global_position bigint NOT NULL,
  last_commit_order bigint NOT NULL,
  last_global_position bigint NOT NULL,
  event_count integer NOT NULL CHECK (event_count >= 1),
  merkle_root bytea NOT NULL CHECK (octet_length(merkle_root) = 32),
  prev_seal_hash bytea NOT NULL CHECK (octet_length(prev_seal_hash) = 32),
  seal_hash bytea NOT NULL CHECK (octet_length(seal_hash) = 32),
  -- Each event's leaf hash in sealed order (event_count x 32 bytes): lets the verifier name the
  -- event that differs inside a block whose root no longer matches.
  leaves bytea NOT NULL CHECK (octet_length(leaves) = 32 * event_count),
  sealed_at timestamptz NOT NULL DEFAULT now()
);
`,
    },
    {
      // Appends without the `streams` table (docs/event-store.md, "Why no streams table"): a
      // stream's version is its last event's position, read from the (stream_id,
      // stream_position) index under the stream's advisory lock together with the hash the
      // chain continues from. One index insert and one heap write fewer per append, and one
      // statement fewer for a single event. Expected-version rules stay in SQL.
      id: '003-append-without-streams',
      sql: `
-- The stream's version: its last event's position (0 if none), read after the stream's
-- advisory lock, so no appender of the same stream can commit in between.
CREATE OR REPLACE FUNCTION event_store.append(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb)
RETURNS TABLE (version bigint, last_global_position bigint, commit_order bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n int := jsonb_array_length(p_events);
  v_cur bigint;
  v_ok boolean;
  v_commit bigint;
  v_last bigint;
  v_now timestamptz := now();
  v_hash bytea;
  v_hashes bytea[];
  v_event jsonb;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'no events to append' USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream, 0));
  SELECT coalesce(l.stream_position, 0), coalesce(l.hash, decode(repeat('00', 32), 'hex')),
         pg_current_xact_id()::text::bigint + s.xid_offset
    INTO v_cur, v_hash, v_commit
    FROM event_store.settings s
    LEFT JOIN LATERAL (SELECT e.stream_position, e.hash FROM event_store.events e
                        WHERE e.stream_id = p_stream ORDER BY e.stream_position DESC LIMIT 1) l ON true;
  v_ok := CASE p_expected_kind WHEN 'any' THEN true WHEN 'no_stream' THEN v_cur = 0
            WHEN 'stream_exists' THEN v_cur > 0 WHEN 'exact' THEN v_cur = p_expected END;
  IF v_ok IS NULL THEN
    RAISE EXCEPTION 'unknown expected version kind %', p_expected_kind USING ERRCODE = '22023';
  ELSIF NOT v_ok THEN
    RAISE EXCEPTION 'wrong expected version for stream %', p_stream USING
      ERRCODE = 'ES409',
      DETAIL = json_build_object('stream', p_stream, 'expectedKind', p_expected_kind,
                                 'expected', p_expected, 'actual', v_cur)::text;
  END IF;
  IF n = 1 THEN
    v_event := p_events -> 0;
    INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
    VALUES (v_commit, (v_event->>'id')::uuid, p_stream, v_cur + 1, v_event->>'type', (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', v_now,
            event_store.event_hash(v_hash, p_stream, v_cur + 1, (v_event->>'id')::uuid, v_event->>'type',
                                   (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', v_now))
    RETURNING global_position INTO v_last;
  ELSE
    v_hashes := '{}';
    FOR i IN 1..n LOOP
      v_event := p_events -> (i - 1);
      v_hash := event_store.event_hash(v_hash, p_stream, v_cur + i, (v_event->>'id')::uuid, v_event->>'type',
                                       (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata', v_now);
      v_hashes := array_append(v_hashes, v_hash);
    END LOOP;
    WITH inserted AS (
      INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
      SELECT v_commit, (e->>'id')::uuid, p_stream, v_cur + t.ord, e->>'type', (e->>'schemaVersion')::int, e->'data', e->'metadata',
             v_now, v_hashes[t.ord]
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
        ORDER BY t.ord
      RETURNING global_position
    )
    SELECT max(global_position) INTO v_last FROM inserted;
  END IF;
  RETURN QUERY SELECT v_cur + n, v_last, v_commit;
END
$$;

DROP TABLE event_store.streams;
`,
    },
    {
      // Group commit (docs/event-store.md, "Group commit"): concurrent appends of one process
      // sent as one statement, in one transaction, with one commit. The stream logic moves to
      // `append_locked`, shared by `append` (one stream, raises on a wrong expected version)
      // and `append_group` (several, a wrong expected version is a per-append answer, not an
      // error, so that one conflict does not undo the group's other appends).
      id: '004-append-group',
      sql: `
-- The caller holds the stream's advisory lock. Appends p_events (a JSON array) to p_stream if
-- the expected version holds; otherwise inserts nothing and answers ok = false with the actual
-- version.
CREATE FUNCTION event_store.append_locked(p_stream text, p_expected_kind text, p_expected bigint, p_events jsonb,
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

-- Several appends in one transaction: p_events[i] (a JSON array of arrays) goes to
-- p_streams[i]. Every stream's advisory lock is taken first, in key order, so that two groups
-- (or a group and a single append) cannot deadlock on each other. The appends then run in
-- array order (a stream named twice sees the first append's events). Answers one row per
-- append; ok = false (version = the actual version) for a wrong expected version.
CREATE FUNCTION event_store.append_group(p_streams text[], p_expected_kinds text[], p_expected bigint[], p_events jsonb)
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
`,
    },
  ],
};

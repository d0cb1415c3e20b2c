-- replaces: 001-events, 002-hash-chain, 003-append-without-streams, 004-append-group
-- The event store's tables (docs/event-store.md). Its functions are in functions/, one file each.
CREATE SCHEMA IF NOT EXISTS event_store;

-- One row: the offset added to transaction ids so that commit_order keeps growing after a
-- restore into a cluster whose transaction counter is lower (ensure_commit_order_monotonic).
CREATE TABLE event_store.settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  xid_offset bigint NOT NULL DEFAULT 0
);
INSERT INTO event_store.settings DEFAULT VALUES;

-- Every event, kept forever. A stream's version is its last event's position (no table of
-- streams: `append` reads it from the (stream_id, stream_position) index under the stream's
-- advisory lock). The all-stream is ordered by (commit_order, global_position): commit_order is
-- the writing transaction's id plus the offset, and readers read only below the oldest
-- transaction still running (safe_commit_horizon), so a late commit is never skipped.
-- `hash` chains each event to its predecessor in its stream (event_hash; docs/audit.md).
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
  hash bytea NOT NULL,
  -- The all-stream order; global_position alone is unique by construction (identity).
  CONSTRAINT events_pkey PRIMARY KEY (commit_order, global_position),
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_position_unique UNIQUE (stream_id, stream_position),
  CONSTRAINT events_hash_length CHECK (octet_length(hash) = 32)
);

-- Durable consumers' checkpoints: the all-stream position each has handled up to, moved in
-- the same transaction as the consumer's own writes.
CREATE TABLE event_store.consumers (
  name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
  commit_order bigint NOT NULL DEFAULT 0,
  global_position bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

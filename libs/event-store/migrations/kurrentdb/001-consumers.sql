-- Checkpoints of consumers reading the all-stream from KurrentDB, kept in PostgreSQL so that a
-- consumer's checkpoint commits in the same transaction as its writes to PostgreSQL. Its own
-- schema, apart from event_store.consumers: a KurrentDB deployment needs none of the PostgreSQL
-- event tables. commit_position is numeric(20): KurrentDB positions are unsigned 64-bit.
CREATE SCHEMA IF NOT EXISTS event_store_kurrentdb;
CREATE TABLE event_store_kurrentdb.consumers (
  name text PRIMARY KEY,
  commit_position numeric(20, 0) NOT NULL DEFAULT 0 CHECK (commit_position >= 0),
  prepare_position bigint NOT NULL DEFAULT 0 CHECK (prepare_position >= 0),
  updated_at timestamptz
);

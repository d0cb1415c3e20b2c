-- The all-stream sealed in blocks (docs/audit.md): seal n covers the events after seal n-1's
-- last position up to and including its own, in (commit_order, global_position) order.
-- Written by the sealer together with its checkpoint and a LogSealed event.
CREATE SCHEMA IF NOT EXISTS audit;
DO $$
BEGIN
  -- Databases created before the audit had its own schema kept the table in the event store's.
  IF to_regclass('event_store.seals') IS NOT NULL THEN
    ALTER TABLE event_store.seals SET SCHEMA audit;
  ELSE
    CREATE TABLE audit.seals (
      seal_no bigint PRIMARY KEY CHECK (seal_no >= 1),
      first_commit_order bigint NOT NULL,
      first_global_position bigint NOT NULL,
      last_commit_order bigint NOT NULL,
      last_global_position bigint NOT NULL,
      event_count integer NOT NULL CHECK (event_count >= 1),
      merkle_root bytea NOT NULL CHECK (octet_length(merkle_root) = 32),
      prev_seal_hash bytea NOT NULL CHECK (octet_length(prev_seal_hash) = 32),
      seal_hash bytea NOT NULL CHECK (octet_length(seal_hash) = 32),
      -- Each event's leaf hash in sealed order (event_count x 32 bytes): lets the verifier name
      -- the event that differs inside a block whose root no longer matches.
      leaves bytea NOT NULL CHECK (octet_length(leaves) = 32 * event_count),
      sealed_at timestamptz NOT NULL DEFAULT now()
    );
  END IF;
END
$$;

-- Integrity checked where data is used (docs/audit.md, "Checked at use").
--
-- stream_heads: the furthest event of each stream that a trusted follower of the log (the audit
-- sealer) has seen, with its hash. A stream read for a command or for personal data must still
-- reach that position with that hash: a stream whose last events were deleted (which its own
-- hash chain cannot show) no longer does. Written only by `streamHeads.witness`, after the
-- events are committed; never lowered.
CREATE TABLE event_store.stream_heads (
  stream_id text PRIMARY KEY,
  position bigint NOT NULL CHECK (position >= 1),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  witnessed_at timestamptz NOT NULL DEFAULT now()
);

-- The log as it stands when this migration runs is taken as witnessed (the same trust the
-- chain's own migration gave to the events it hashed).
INSERT INTO event_store.stream_heads (stream_id, position, hash)
SELECT DISTINCT ON (stream_id) stream_id, stream_position, hash
  FROM event_store.events
 ORDER BY stream_id, stream_position DESC;

-- integrity_alarms: each stream found broken at use, once per (stream, kind, position), with
-- how often and when it was last met. Shared by every process (`/health/integrity` of any of
-- them lists them); an operator clears a row once the stream is repaired.
CREATE TABLE event_store.integrity_alarms (
  stream_id text NOT NULL,
  kind text NOT NULL,
  stream_position bigint NOT NULL,
  event_id uuid,
  detail text NOT NULL,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  times integer NOT NULL DEFAULT 1,
  PRIMARY KEY (stream_id, kind, stream_position)
);

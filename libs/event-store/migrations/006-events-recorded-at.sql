-- "As of" a date (docs/read-models.md): the last transaction recorded at or before an instant
-- is found by this index (a bounded scan of the last seconds before it, index only: the commit
-- order and position are in it), not a scan of the log.
CREATE INDEX IF NOT EXISTS events_recorded_at_idx ON event_store.events (recorded_at) INCLUDE (commit_order, global_position);

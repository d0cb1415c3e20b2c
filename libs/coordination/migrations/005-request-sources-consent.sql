-- Requests: the sources a need was identified in (`sources`, replacing the unstructured
-- `finding_ref`) and the State's own priority (`state_priority`). A database created at the
-- older shape gets both here, from its rows: a finding reference becomes one `cited-finding`
-- source (as RequestSubmitted v1 events are upcast on read), and the State priority stays
-- null (the State was not asked). On a new database (created at the current shape) nothing
-- happens. `restricted` already exists; `RequestAccessChanged` events (new) keep it current.
ALTER TABLE coordination.requests ADD COLUMN IF NOT EXISTS state_priority text;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'coordination' AND table_name = 'requests' AND column_name = 'finding_ref') THEN
    ALTER TABLE coordination.requests ADD COLUMN sources jsonb;
    UPDATE coordination.requests SET sources = CASE
      WHEN finding_ref IS NULL THEN '[]'::jsonb
      ELSE jsonb_build_array(jsonb_build_object('kind', 'cited-finding', 'cycle', finding_ref->'reviewCycle', 'reference', finding_ref->'reference', 'chapter', NULL))
    END;
    ALTER TABLE coordination.requests ALTER COLUMN sources SET NOT NULL;
    ALTER TABLE coordination.requests DROP COLUMN finding_ref;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS requests_sources_idx ON coordination.requests USING gin (sources jsonb_path_ops);

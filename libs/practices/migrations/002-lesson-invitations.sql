-- The invitations to record a lesson learned (docs/practices.md, "Lessons from delivered
-- assistance"): one row per engagement, kept by the practices projector from the engagement
-- streams (who the provider and the State are, whether it was delivered) and the
-- lesson-invitation streams (which party dismissed the step).
CREATE TABLE practices.lesson_invitations (
  engagement_id text PRIMARY KEY,
  request_id text NOT NULL,
  provider_id text NOT NULL,
  country text NOT NULL,
  -- completed (or acknowledged) at; null while not delivered (or contested since)
  delivered_at timestamptz,
  dismissed_by text[] NOT NULL DEFAULT '{}',
  global_position bigint NOT NULL
);
CREATE INDEX lesson_invitations_country ON practices.lesson_invitations (country) WHERE delivered_at IS NOT NULL;
CREATE INDEX lesson_invitations_provider ON practices.lesson_invitations (provider_id) WHERE delivered_at IS NOT NULL;
CREATE INDEX practices_engagements ON practices.practices USING gin (engagement_ids);

-- The projector reads the engagement streams from now on: it replays the log once so that the
-- engagements delivered before this table existed invite their parties too (replay is pure).
DELETE FROM practices.practices;
DO $$
BEGIN
  IF to_regclass('event_store.consumers') IS NOT NULL THEN
    UPDATE event_store.consumers SET global_position = 0, commit_order = 0 WHERE name = 'practices-projector';
  END IF;
END $$;

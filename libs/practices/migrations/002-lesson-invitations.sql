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

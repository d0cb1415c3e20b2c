-- The IATI context's read model (schema iati), kept by the IATI projector from the
-- iati-activity-* streams: the activities providers report in their own IATI files as delivered
-- or under way (docs/iati.md, "Reported activities"). Not engagements.
CREATE SCHEMA IF NOT EXISTS iati;

CREATE TABLE iati.reported_activities (
  activity_id uuid PRIMARY KEY,
  provider_id text NOT NULL,
  iati_identifier text NOT NULL,
  activity_status text NOT NULL,
  recipient_countries text[] NOT NULL,
  title jsonb NOT NULL,
  articles text[] NOT NULL,
  sectors text[] NOT NULL,
  currency text,
  -- minor units of currency
  commitment bigint,
  disbursed bigint NOT NULL DEFAULT 0,
  -- [{ key, date, amount, currency }] in the order recorded
  disbursements jsonb NOT NULL DEFAULT '[]',
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  recorded_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  global_position bigint NOT NULL,
  UNIQUE (provider_id, iati_identifier)
);
CREATE INDEX reported_activities_countries ON iati.reported_activities USING gin (recipient_countries);

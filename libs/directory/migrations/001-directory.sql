-- The directory's read models (schema directory), kept by the directory projector from the
-- organisation streams. One row per organisation: a national authority's notification
-- (areas, contact point, dates) in the authority columns, null for the other kinds.
CREATE SCHEMA IF NOT EXISTS directory;

CREATE TABLE directory.organisations (
  id text PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL,
  country text,
  names jsonb NOT NULL,
  iati_identifier text,
  addresses jsonb NOT NULL DEFAULT '[]',
  website text,
  provider_ids text[] NOT NULL DEFAULT '{}',
  articles text[],
  ta_types text[],
  languages text[],
  -- personal data: read by signed-in users only, never published
  contact_point jsonb,
  notified_on date,
  notification_channel text,
  note_verbale text,
  withdrawn_on date,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  global_position bigint NOT NULL
);
CREATE INDEX organisations_kind_country ON directory.organisations (kind, country);
CREATE INDEX organisations_articles ON directory.organisations USING gin (articles);
CREATE INDEX organisations_ta_types ON directory.organisations USING gin (ta_types);

-- The one-time mapping of provider ids recorded before the directory to its organisations.
CREATE TABLE directory.provider_ids (
  provider_id text PRIMARY KEY,
  organisation_id text NOT NULL,
  mapped_at timestamptz NOT NULL
);

-- The library of practices (schema practices): the read model the practices projector keeps
-- from the practice streams, and the document store (content-addressed files).
CREATE SCHEMA IF NOT EXISTS practices;

CREATE TABLE practices.practices (
  id text PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL,
  title jsonb NOT NULL,
  summary jsonb NOT NULL,
  original_languages text[] NOT NULL,
  articles text[] NOT NULL,
  themes text[] NOT NULL,
  countries text[] NOT NULL,
  engagement_ids text[] NOT NULL,
  contributor_organisation text,
  contributor_country text,
  documents jsonb NOT NULL DEFAULT '[]',
  -- Chinese texts cut into bigrams by the projector (PostgreSQL has no Chinese parser), and the
  -- text extracted from the practice's documents, per language ('und' when unknown).
  search_zh text NOT NULL DEFAULT '',
  document_texts jsonb NOT NULL DEFAULT '{}',
  submitted_at timestamptz NOT NULL,
  published_at timestamptz,
  withdrawn_reason text,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  global_position bigint NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    setweight(
      to_tsvector('arabic'::regconfig, coalesce(title ->> 'ar', '')) ||
      to_tsvector('english'::regconfig, coalesce(title ->> 'en', '')) ||
      to_tsvector('spanish'::regconfig, coalesce(title ->> 'es', '')) ||
      to_tsvector('french'::regconfig, coalesce(title ->> 'fr', '')) ||
      to_tsvector('russian'::regconfig, coalesce(title ->> 'ru', '')), 'A') ||
    setweight(
      to_tsvector('arabic'::regconfig, coalesce(summary ->> 'ar', '')) ||
      to_tsvector('english'::regconfig, coalesce(summary ->> 'en', '')) ||
      to_tsvector('spanish'::regconfig, coalesce(summary ->> 'es', '')) ||
      to_tsvector('french'::regconfig, coalesce(summary ->> 'fr', '')) ||
      to_tsvector('russian'::regconfig, coalesce(summary ->> 'ru', '')) ||
      to_tsvector('simple'::regconfig, search_zh), 'B') ||
    setweight(
      to_tsvector('arabic'::regconfig, coalesce(document_texts ->> 'ar', '')) ||
      to_tsvector('english'::regconfig, coalesce(document_texts ->> 'en', '')) ||
      to_tsvector('spanish'::regconfig, coalesce(document_texts ->> 'es', '')) ||
      to_tsvector('french'::regconfig, coalesce(document_texts ->> 'fr', '')) ||
      to_tsvector('russian'::regconfig, coalesce(document_texts ->> 'ru', '')) ||
      to_tsvector('simple'::regconfig, coalesce(document_texts ->> 'zh', '')) ||
      to_tsvector('simple'::regconfig, coalesce(document_texts ->> 'und', '')), 'C')
  ) STORED
);
CREATE INDEX practices_search ON practices.practices USING gin (search) WITH (fastupdate = off);
CREATE INDEX practices_articles ON practices.practices USING gin (articles);
CREATE INDEX practices_themes ON practices.practices USING gin (themes);
CREATE INDEX practices_status ON practices.practices (status, submitted_at DESC);

-- Files by the SHA-256 of their content: one copy however many records carry it. A row is
-- written before the event that attaches it; a file no event attaches is never served.
CREATE TABLE practices.files (
  sha256 text PRIMARY KEY,
  media_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  -- the text extracted for search (PDF and office documents), null when none
  text_content text,
  stored_at timestamptz NOT NULL DEFAULT now()
);

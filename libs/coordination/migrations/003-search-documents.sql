-- The search documents (full-text search). A database created before this read model gets the
-- table empty: `npm run rebuild:read-models -- search_documents` fills it from the log (the API
-- keeps serving meanwhile); until then, search finds only what was projected since.
CREATE TABLE IF NOT EXISTS coordination.search_documents (
  doc_id text PRIMARY KEY,
  kind text NOT NULL,
  case_id text NOT NULL,
  request_id text,
  texts jsonb NOT NULL,
  titles jsonb NOT NULL,
  bodies jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint NOT NULL,
  document tsvector GENERATED ALWAYS AS (
    setweight(
      to_tsvector('arabic'::regconfig, coalesce(titles ->> 'ar', '')) ||
      to_tsvector('english'::regconfig, coalesce(titles ->> 'en', '')) ||
      to_tsvector('spanish'::regconfig, coalesce(titles ->> 'es', '')) ||
      to_tsvector('french'::regconfig, coalesce(titles ->> 'fr', '')) ||
      to_tsvector('russian'::regconfig, coalesce(titles ->> 'ru', '')) ||
      to_tsvector('simple'::regconfig, coalesce(titles ->> 'zh', '')) ||
      to_tsvector('simple'::regconfig, coalesce(titles ->> 'und', '')), 'A') ||
    setweight(
      to_tsvector('arabic'::regconfig, coalesce(bodies ->> 'ar', '')) ||
      to_tsvector('english'::regconfig, coalesce(bodies ->> 'en', '')) ||
      to_tsvector('spanish'::regconfig, coalesce(bodies ->> 'es', '')) ||
      to_tsvector('french'::regconfig, coalesce(bodies ->> 'fr', '')) ||
      to_tsvector('russian'::regconfig, coalesce(bodies ->> 'ru', '')) ||
      to_tsvector('simple'::regconfig, coalesce(bodies ->> 'zh', '')) ||
      to_tsvector('simple'::regconfig, coalesce(bodies ->> 'und', '')), 'B')
  ) STORED);
CREATE INDEX IF NOT EXISTS search_documents_document_idx ON coordination.search_documents USING gin (document) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS search_documents_case_idx ON coordination.search_documents (kind, case_id);

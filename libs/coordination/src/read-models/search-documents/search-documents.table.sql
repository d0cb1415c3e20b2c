-- The `search_documents` read model's table ({{table}}: coordination.search_documents, or a
-- rebuild's new table; {{name}}: the prefix of its index names). Its entity,
-- search-documents.entity.ts, maps the same columns but `document`, which PostgreSQL computes:
-- one tsvector over every language present, each with its own text search configuration
-- (built into PostgreSQL: arabic, english, spanish, french, russian), Chinese (bigrams made by
-- the projection) and texts of no declared language with `simple`; titles weigh A, the rest B.
CREATE TABLE {{table}} (
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

-- Secondary indexes (a rebuild builds them after its bulk load). The GIN index without its
-- pending list (fastupdate = off): the projector's writes go into the index at once; with the
-- list, every search also scanned the rows not yet merged (10 ms instead of 0.3 ms for one word
-- over 20,000 documents until a vacuum merged them), and the planner then chose a sequential scan.
CREATE INDEX {{name}}_document_idx ON {{table}} USING gin (document) WITH (fastupdate = off);
CREATE INDEX {{name}}_case_idx ON {{table}} (kind, case_id);

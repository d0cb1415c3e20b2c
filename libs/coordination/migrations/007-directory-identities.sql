-- Identity from the directory: a national authority's offers carry its State, an engagement
-- names its implementer when another than the provider (who funds). A database created at an
-- older shape gets the columns empty; offers and engagements recorded before the directory have
-- neither (a rebuild gives the same).
ALTER TABLE coordination.offers ADD COLUMN IF NOT EXISTS provider_country text;
ALTER TABLE coordination.engagements ADD COLUMN IF NOT EXISTS implementer_id text;

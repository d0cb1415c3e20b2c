-- Crypto-shredding of personal data (docs/audit.md, "Erasure"). Personal data in events is
-- stored encrypted with a key per data subject, kept here and nowhere else; erasure sets the
-- key to NULL, which makes the ciphertext in the (immutable, hash-chained) events unreadable.
-- A row with key NULL and erased_at set is also the tombstone of a subject whose data was
-- stored in clear before this migration (docs/audit.md: what erasure does for those).
CREATE SCHEMA IF NOT EXISTS case_personal_data;
CREATE TABLE case_personal_data.subject_keys (
  subject text PRIMARY KEY,
  key bytea CHECK (key IS NULL OR octet_length(key) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  CHECK ((key IS NULL) = (erased_at IS NOT NULL))
);

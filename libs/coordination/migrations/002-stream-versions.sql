-- Stream versions (the detail routes' ETags). A database created at an older shape gets the
-- column with no values: until `npm run rebuild:read-models`, the detail routes ask the event
-- store for those rows' versions.
ALTER TABLE coordination.requests ADD COLUMN IF NOT EXISTS version integer;
ALTER TABLE coordination.offers ADD COLUMN IF NOT EXISTS version integer;
ALTER TABLE coordination.engagements ADD COLUMN IF NOT EXISTS version integer;
ALTER TABLE coordination.milestones ADD COLUMN IF NOT EXISTS version integer;

-- The State's acknowledgement or contest of an engagement's completion. A database created at an
-- older shape gets the columns with no values: engagements completed before acknowledgement
-- existed stay `completed`, awaiting the State's acknowledgement (no event says otherwise).
ALTER TABLE coordination.engagements ADD COLUMN IF NOT EXISTS acknowledged_at timestamptz;
ALTER TABLE coordination.engagements ADD COLUMN IF NOT EXISTS contested_at timestamptz;
ALTER TABLE coordination.engagements ADD COLUMN IF NOT EXISTS contest_reason text;

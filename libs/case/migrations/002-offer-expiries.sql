-- The offer expiry schedule: one row per open offer, due at the start of the day after its
-- availability window. Kept by the offer expiry scheduler's durable consumer in the same
-- transaction as its checkpoint (registered and extended offers in, withdrawn and expired
-- ones out); the scheduler's poller sends ExpireOffer for the rows that are due and deletes
-- them in the transaction that appends the OfferExpired event.
CREATE TABLE case_process.offer_expiries (
  offer_id text PRIMARY KEY,
  due_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_expiries_due_idx ON case_process.offer_expiries (due_at);

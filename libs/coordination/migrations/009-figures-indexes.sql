-- The figures' indexes (docs/read-models.md, "As of" a date) on a database created before them.
CREATE INDEX IF NOT EXISTS requests_figures_idx ON coordination.requests (valid_from) INCLUDE (request_id, country, status, status_since, restricted, articles, ta_types, live_engagements, opened_at, submitted_at);
CREATE INDEX IF NOT EXISTS engagements_figures_idx ON coordination.engagements (valid_from) INCLUDE (engagement_id, request_id, provider_id, country, status, status_since, amount, unit_kind, currency);
CREATE INDEX IF NOT EXISTS milestones_figures_idx ON coordination.milestones (valid_from) INCLUDE (engagement_id, request_id, status, due_date);
CREATE INDEX IF NOT EXISTS offers_figures_idx ON coordination.offers (valid_from) INCLUDE (offer_id, provider_id, status, capacity_kind, currency, capacity, committed, remaining, articles, ta_types);

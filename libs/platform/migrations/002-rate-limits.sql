-- The rate limit's windows, one row per client address, shared by every API process on this
-- database (libs/platform/src/http/rate-limit.ts).
CREATE SCHEMA IF NOT EXISTS edge;
CREATE TABLE edge.rate_limits (
  client text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);
CREATE INDEX rate_limits_window_start ON edge.rate_limits (window_start);

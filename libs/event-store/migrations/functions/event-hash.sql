-- The canonical bytes of one event, chained to its predecessor in the stream, hashed:
--   SHA-256( prev_hash (32 bytes; 32 zero bytes for stream position 1)
--         || u32 len || stream_id (UTF-8)      || i64 stream_position
--         || event_id (16 bytes)                || u32 len || event_type (UTF-8)
--         || i32 schema_version
--         || u32 len || data::text (UTF-8)      || u32 len || metadata::text (UTF-8)
--         || i64 recorded_at (microseconds since 1970-01-01 UTC) )
-- Integers big-endian; len = byte length. jsonb::text is PostgreSQL's canonical rendering of
-- the stored value (keys sorted, fixed spacing), so the same bytes come back at every read.
-- Recomputed outside the database by @ta/audit's verifier; keep both in step.
CREATE OR REPLACE FUNCTION event_store.event_hash(p_prev bytea, p_stream text, p_position bigint, p_event_id uuid, p_type text,
                                                  p_schema_version integer, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz)
RETURNS bytea LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  v_stream bytea := convert_to(p_stream, 'UTF8');
  v_type bytea := convert_to(p_type, 'UTF8');
  v_data bytea := convert_to(p_data::text, 'UTF8');
  v_metadata bytea := convert_to(p_metadata::text, 'UTF8');
BEGIN
  RETURN sha256(
    p_prev
    || int4send(octet_length(v_stream)) || v_stream
    || int8send(p_position)
    || uuid_send(p_event_id)
    || int4send(octet_length(v_type)) || v_type
    || int4send(p_schema_version)
    || int4send(octet_length(v_data)) || v_data
    || int4send(octet_length(v_metadata)) || v_metadata
    || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint));
END
$$;

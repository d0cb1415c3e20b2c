import type { Pool, PoolClient } from 'pg';
import { IntegrityError } from '@ta/core';

/**
 * Integrity checked where data is used (docs/audit.md, "Checked at use"): every stream read
 * through the PostgreSQL adapter checks, in the same statement, each event's place in its stream
 * and its chained hash, and that the stream still reaches the head a trusted follower (the audit
 * sealer) witnessed. A broken stream is refused (`integrity.chain_broken`) and raises an alarm.
 */

type Db = Pool | PoolClient;

/** The first thing wrong with a stream as read. */
export interface StreamBreak {
  readonly streamId: string;
  /**
   * `missing_position`: an event in the middle is absent (deleted); `hash_mismatch`: an event's
   * content or place changed (edited, swapped, moved from another stream); `head_mismatch`: the
   * witnessed last event was rewritten together with its chain; `missing_tail`: the stream ends
   * before its witnessed head (its last events deleted).
   */
  readonly kind: 'missing_position' | 'hash_mismatch' | 'head_mismatch' | 'missing_tail';
  /** The first stream position that is wrong. */
  readonly streamPosition: number;
  /** The event found there (for a missing position: the event found in its place), if any. */
  readonly eventId: string | null;
  readonly message: string;
}

/** What the checking read adds to each row (see `CHECK_COLUMNS`). */
export interface CheckedRow {
  readonly event_id: string | null;
  readonly stream_position: string | null;
  /** Null when the event's predecessor was not read (a range starting after position 1). */
  readonly hash_ok: boolean | null;
  readonly in_place: boolean | null;
  readonly head_position: string | null;
  readonly head_mismatch: boolean | null;
}

/**
 * The stream's first break, or null when intact. `rows` in stream order as read from `from`
 * (up to `to`, if given); a row without an event is the "no events" row of an empty read.
 */
export function firstBreak(streamId: string, rows: readonly CheckedRow[], from: number, to: number | null): StreamBreak | null {
  const events = rows.filter((r) => r.event_id !== null);
  let expected = from;
  for (const r of events) {
    const position = Number(r.stream_position);
    if (r.in_place === false) {
      return { streamId, kind: 'missing_position', streamPosition: expected, eventId: r.event_id, message: `${streamId}: position ${expected} is missing (the next event found is at ${position}, ${r.event_id})` };
    }
    if (r.hash_ok === false) {
      return { streamId, kind: 'hash_mismatch', streamPosition: position, eventId: r.event_id, message: `${streamId}: the event at position ${position} (${r.event_id}) does not match its chained hash (edited, swapped or moved)` };
    }
    if (r.head_mismatch === true) {
      return { streamId, kind: 'head_mismatch', streamPosition: position, eventId: r.event_id, message: `${streamId}: the event at position ${position} (${r.event_id}) is not the one witnessed there (rewritten with its chain)` };
    }
    expected = position + 1;
  }
  const head = rows[0]?.head_position == null ? null : Number(rows[0].head_position);
  const last = expected - 1;
  if (head !== null && (to === null || to >= head) && last < head && (events.length > 0 || from <= head)) {
    const missingFrom = Math.max(last + 1, from);
    return {
      streamId,
      kind: 'missing_tail',
      streamPosition: missingFrom,
      eventId: null,
      message: `${streamId}: the stream ends at position ${last}, but position ${head} was witnessed: positions ${missingFrom}-${head} are missing (deleted)`,
    };
  }
  return null;
}

/** The refusal of a broken stream (HTTP 503 `integrity.chain_broken`). */
export function chainBroken(b: StreamBreak): IntegrityError {
  return new IntegrityError(
    'integrity.chain_broken',
    `The stored history of ${b.streamId} failed its integrity check at position ${b.streamPosition} (${b.kind}); nothing is served or decided from it until it is repaired. The operators have been alerted.`,
    { streamId: b.streamId, brokenLink: { kind: b.kind, streamPosition: b.streamPosition } },
  );
}

/** An alarm as `/health/integrity` lists it. */
export interface IntegrityAlarm {
  readonly streamId: string;
  readonly kind: StreamBreak['kind'];
  readonly streamPosition: number;
  readonly eventId: string | null;
  readonly detail: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly times: number;
}

/** The integrity alarms, shared by every process through `event_store.integrity_alarms`. */
export const integrityAlarms = {
  /** Records a break (once per stream, kind and position; later meetings count). */
  async raise(db: Db, b: StreamBreak): Promise<void> {
    await db.query(
      `INSERT INTO event_store.integrity_alarms (stream_id, kind, stream_position, event_id, detail) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stream_id, kind, stream_position) DO UPDATE SET last_seen = now(), times = integrity_alarms.times + 1, detail = EXCLUDED.detail`,
      [b.streamId, b.kind, b.streamPosition, b.eventId, b.message],
    );
  },

  async list(db: Db, limit = 100): Promise<IntegrityAlarm[]> {
    const { rows } = await db.query<{ stream_id: string; kind: StreamBreak['kind']; stream_position: string; event_id: string | null; detail: string; first_seen: Date; last_seen: Date; times: number }>(
      `SELECT stream_id, kind, stream_position, event_id, detail, first_seen, last_seen, times FROM event_store.integrity_alarms ORDER BY last_seen DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      streamId: r.stream_id,
      kind: r.kind,
      streamPosition: Number(r.stream_position),
      eventId: r.event_id,
      detail: r.detail,
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
      times: r.times,
    }));
  },

  /** Clears a stream's alarms once it is repaired (an operator's act); answers how many. */
  async clear(db: Db, streamId: string): Promise<number> {
    return (await db.query('DELETE FROM event_store.integrity_alarms WHERE stream_id = $1', [streamId])).rowCount ?? 0;
  },
};

/** The heads of streams, as witnessed by a trusted follower of the log. */
export const streamHeads = {
  /**
   * Inside the follower's transaction: the given events (committed, read from the log) become
   * their streams' witnessed heads, each with its stored hash; a head is never lowered.
   */
  async witness(db: Db, events: ReadonlyArray<{ readonly streamId: string; readonly streamPosition: number }>): Promise<void> {
    const last = new Map<string, number>();
    for (const e of events) if ((last.get(e.streamId) ?? 0) < e.streamPosition) last.set(e.streamId, e.streamPosition);
    if (last.size === 0) return;
    await db.query(
      `INSERT INTO event_store.stream_heads (stream_id, position, hash)
       SELECT e.stream_id, e.stream_position, e.hash
         FROM unnest($1::text[], $2::bigint[]) AS h(stream_id, position)
         JOIN event_store.events e ON e.stream_id = h.stream_id AND e.stream_position = h.position
       ON CONFLICT (stream_id) DO UPDATE SET position = EXCLUDED.position, hash = EXCLUDED.hash, witnessed_at = now()
        WHERE stream_heads.position < EXCLUDED.position`,
      [[...last.keys()], [...last.values()]],
    );
  },
};

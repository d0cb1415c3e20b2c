import type { RecordedEvent } from '@ta/event-store';
import { CASE_EVENT_VERSIONS } from '../case-event';
import type { RequestHistoryRow } from './request-history.entity';
import { HISTORY_DETAILS } from './request-history.projection';


/**
 * The request history as a pure fold, `(rows, event) => rows`: the readable definition of what
 * `requestHistoryProjection` has PostgreSQL compute from the log (its `where` and `select` over
 * the log row `e`). Neither the projector nor the rebuild runs it;
 * `request-history.reference.int-spec.ts` checks that the table the projector fills equals it,
 * row for row.
 */
export function foldRequestHistory(rows: readonly RequestHistoryRow[], e: RecordedEvent): readonly RequestHistoryRow[] {
  const row = historyRowOf(e);
  return row ? [...rows, row] : rows;
}

/** The history row of one event, or null when the event has none. */
export function historyRowOf(e: RecordedEvent): RequestHistoryRow | null {
  const data = asObject(e.data);
  const metadata = asObject(e.metadata);
  // `where`: a case event (of a schema version from 1 to its current one) about a request.
  const current = Object.hasOwn(CASE_EVENT_VERSIONS, e.type) ? CASE_EVENT_VERSIONS[e.type]! : 0;
  if (e.schemaVersion < 1 || e.schemaVersion > current || typeof data.requestId !== 'string') return null;
  return {
    eventId: e.id,
    requestId: data.requestId,
    eventType: e.type,
    actorId: text(metadata.actorId) ?? '',
    actorRole: text(metadata.actorRole) ?? '',
    // When it happened (metadata), else when it was recorded; to the millisecond, truncated.
    occurredAt: typeof metadata.occurredAt === 'string' ? new Date(metadata.occurredAt).toISOString() : e.recordedAt.toISOString(),
    reason: typeof data.reason === 'string' ? data.reason : null,
    details: detailsOf(e.type, data),
    commitOrder: e.logPosition.commit,
    globalPosition: e.globalPosition,
  };
}

/**
 * The facts the timeline shows: the keys `HISTORY_DETAILS` lists for the event's type that its
 * data has (JSON null included), renamed where listed; for another type, its `engagementId` when
 * it is a string.
 */
function detailsOf(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const keys = HISTORY_DETAILS[type];
  if (!keys) return typeof data.engagementId === 'string' ? { engagementId: data.engagementId } : {};
  const details: Record<string, unknown> = {};
  for (const key of keys) {
    const [from, to] = typeof key === 'string' ? [key, key] : key;
    if (Object.hasOwn(data, from)) details[to] = data[from];
  }
  return details;
}

/** A JSON object's members; none for any other value (as `->` on a non-object gives NULL). */
function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * A JSON value as `->>` gives it: a string as itself, a number or boolean as written, null or
 * absent as null. (Objects and arrays would be PostgreSQL's jsonb text; the platform's metadata
 * holds strings.)
 */
function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

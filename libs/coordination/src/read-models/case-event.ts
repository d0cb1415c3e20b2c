import {
  engagementEventSchemaVersions,
  offerEventSchemaVersions,
  requestEventSchemaVersions,
  upcastRequestEvent,
  type EngagementEvent,
  type OfferEvent,
  type RequestEvent,
} from '@ta/case';
import type { CompactEvent, RecordedEvent } from '@ta/event-store';

/** The case context's domain events, the only ones the coordination read models follow. */
export type CaseEvent = RequestEvent | OfferEvent | EngagementEvent;

/**
 * The event types the read models follow, each with its current schema version: they read every
 * version from 1 to it (older request events through `upcastRequestEvent`; see `toProjectedEvent`).
 */
export const CASE_EVENT_VERSIONS: Readonly<Record<string, number>> = {
  ...requestEventSchemaVersions,
  ...offerEventSchemaVersions,
  ...engagementEventSchemaVersions,
};

export const CASE_EVENT_TYPES: readonly string[] = Object.keys(CASE_EVENT_VERSIONS);

const REQUEST_EVENTS: ReadonlySet<string> = new Set(Object.keys(requestEventSchemaVersions));

/**
 * A stored event as the projections see it: the domain event (typed), and where, when and by
 * whom it was recorded. Events of other types (process managers' own streams, other contexts)
 * are `null` and ignored by every projection.
 */
export interface ProjectedEvent {
  readonly event: CaseEvent;
  /** The event's position in its own stream: the stream's version once it is applied. */
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly commitOrder: string;
  readonly actorId: string;
  readonly actorRole: string;
  /** metadata.occurredAt, normalised to ISO 8601 with milliseconds. */
  readonly occurredAt: string;
}

/** The metadata keys the projections read (for `PostgresEventStore.readAllCompact`). */
export const PROJECTED_METADATA: readonly string[] = ['actorId', 'actorRole', 'occurredAt'];

export function toProjectedEvent(e: RecordedEvent | CompactEvent): ProjectedEvent | null {
  const event = caseEventOf(e);
  if (!event) return null;
  const { actorId, actorRole, occurredAt } = e.metadata;
  return {
    event,
    streamPosition: e.streamPosition,
    globalPosition: e.globalPosition,
    commitOrder: e.logPosition.commit,
    actorId: String(actorId ?? ''),
    actorRole: String(actorRole ?? ''),
    occurredAt: typeof occurredAt === 'string' ? iso(occurredAt) : ('recordedAt' in e ? e.recordedAt : new Date(e.recordedAtMs)).toISOString(),
  };
}

/** The domain event at its current schema version (request events upcast); null for any other event or version. */
function caseEventOf(e: RecordedEvent | CompactEvent): CaseEvent | null {
  if (REQUEST_EVENTS.has(e.type)) return upcastRequestEvent(e);
  if (!Object.hasOwn(CASE_EVENT_VERSIONS, e.type) || e.schemaVersion !== CASE_EVENT_VERSIONS[e.type]) return null;
  return { type: e.type, data: e.data } as CaseEvent;
}

/** The events of a page of the log the read models follow, as they see them (others left out). */
export function projectable(events: ReadonlyArray<RecordedEvent | CompactEvent>): ProjectedEvent[] {
  const out: ProjectedEvent[] = [];
  for (const e of events) {
    const p = toProjectedEvent(e);
    if (p) out.push(p);
  }
  return out;
}

/** Timestamps in rows are ISO 8601 UTC with milliseconds, so that they survive a round trip through PostgreSQL. */
export function iso(timestamp: string): string {
  // The platform writes timestamps with toISOString(): already in that form (the common case, and a
  // hot path when a rebuild reads a million events), keep the string.
  if (CANONICAL_ISO.test(timestamp)) return timestamp;
  const d = new Date(timestamp);
  return Number.isNaN(d.getTime()) ? timestamp : d.toISOString();
}

const CANONICAL_ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

import type { RequestEvent } from './request.events';
import { requestEventSchemaVersions } from './request.events';
import type { NeedSource } from './request.sources';

/** A stored event as read back: its type, the schema version it was written at, its data. */
export interface StoredEventShape {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** RequestSubmitted v1: a free `findingRef` instead of `sources`, no `statePriority`. */
interface RequestSubmittedV1Data {
  readonly findingRef?: { readonly reviewCycle: 1 | 2; readonly reference: string } | null;
  readonly [field: string]: unknown;
}

/**
 * A stored request event at the current schema version (`requestEventSchemaVersions`), whatever
 * version it was written at; null when it is not a request event or a version this code does
 * not know (a newer writer's). Events are never rewritten in the store: old shapes are read
 * through this function.
 * - RequestSubmitted v1 -> v2: `findingRef` becomes one `cited-finding` source (its cycle and
 *   free reference; nothing structured is made up), none when it was null; `statePriority` is
 *   null (the State was not asked).
 */
export function upcastRequestEvent(e: StoredEventShape): RequestEvent | null {
  if (!Object.hasOwn(requestEventSchemaVersions, e.type)) return null;
  const current = requestEventSchemaVersions[e.type as RequestEvent['type']];
  if (e.schemaVersion === current) return { type: e.type, data: e.data } as RequestEvent;
  if (e.type === 'RequestSubmitted' && e.schemaVersion === 1) {
    const { findingRef, ...rest } = e.data as RequestSubmittedV1Data;
    const sources: NeedSource[] = findingRef ? [{ kind: 'cited-finding', cycle: findingRef.reviewCycle, reference: findingRef.reference }] : [];
    return { type: 'RequestSubmitted', data: { ...rest, sources, statePriority: null } } as unknown as RequestEvent;
  }
  return null;
}

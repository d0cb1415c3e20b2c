import { LOG_START, type CompactEvent, type EventStore, type LogPosition, type PostgresEventStore, type RecordedEvent } from '@ta/event-store';
import { projectable, PROJECTED_METADATA } from '../read-models/case-event';
import { foldEvents } from '../read-models/fold-events';
import { engagementsProjection } from '../read-models/engagements/engagements.projection';
import { milestonesProjection } from '../read-models/milestones/milestones.projection';
import { offersProjection } from '../read-models/offers/offers.projection';
import { requestsProjection } from '../read-models/requests/requests.projection';
import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import type { OfferRow } from '../read-models/offers/offers.entity';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { summarize, type CoordinationSummary } from './summary';
import { hiddenRequestIds, type Viewer } from '../access/request-visibility';

/** Any event store; the PostgreSQL one's compact read is used when present. */
export type AsOfStore = Pick<EventStore, 'readAll'> & Partial<Pick<PostgresEventStore, 'readAllCompact'>>;

export interface AsOfState {
  readonly requests: Map<string, RequestRow>;
  readonly offers: Map<string, OfferRow>;
  readonly engagements: Map<string, EngagementRow>;
  readonly milestones: Map<string, MilestoneRow>;
}

export interface AsOfResult {
  readonly state: AsOfState;
  readonly eventsRead: number;
  readonly eventsApplied: number;
  readonly position: LogPosition;
}

/**
 * Events are kept in all-stream (commit) order, and `recordedAt` is the time the appending
 * transaction started, so a transaction that committed after a later one may show an earlier
 * `recordedAt`. The fold stops once it sees an event recorded this long after the date.
 */
export const AS_OF_SLACK_MS = 5 * 60_000;

/**
 * The read models "as of" a date: the same projections folded in memory over every event
 * RECORDED at or before `asOf` (what the platform knew then; a late-recorded event never
 * changes an earlier answer). Streams the log in pages: memory grows with the number of
 * requests, offers, engagements and milestones, not with the number of events; time grows with
 * the number of events up to the date. The request history is not folded (not needed).
 */
export async function foldAsOf(store: AsOfStore, asOf: Date, options: { pageSize?: number } = {}): Promise<AsOfResult> {
  const state: AsOfState = { requests: new Map(), offers: new Map(), engagements: new Map(), milestones: new Map() };
  const limit = options.pageSize ?? 5000;
  const until = asOf.getTime();
  // The PostgreSQL store's compact read when there is one (a quarter less CPU for the same events).
  const read = (after: LogPosition): Promise<ReadonlyArray<RecordedEvent | CompactEvent>> =>
    store.readAllCompact ? store.readAllCompact({ after, limit, metadataKeys: PROJECTED_METADATA }) : store.readAll({ after, limit });
  // Milliseconds, as a Date keeps them (the compact read's microseconds dropped).
  const recordedMs = (e: RecordedEvent | CompactEvent) => ('recordedAt' in e ? e.recordedAt.getTime() : Math.floor(e.recordedAtMs));
  let after = LOG_START;
  let eventsRead = 0;
  let eventsApplied = 0;
  let position = LOG_START;
  for (;;) {
    const page = await read(after);
    if (page.length === 0) break;
    after = page[page.length - 1]!.logPosition;
    eventsRead += page.length;
    const known = page.filter((e) => recordedMs(e) <= until);
    if (known.length > 0) position = known[known.length - 1]!.logPosition;
    const events = projectable(known);
    eventsApplied += known.length;
    foldEvents(requestsProjection, state.requests, events);
    foldEvents(offersProjection, state.offers, events);
    foldEvents(engagementsProjection, state.engagements, events);
    foldEvents(milestonesProjection, state.milestones, events);
    if (recordedMs(page[page.length - 1]!) > until + AS_OF_SLACK_MS) break;
  }
  return { state, eventsRead, eventsApplied, position };
}

/**
 * The summary as of `asOf`, as `viewer` may see it: restricted requests hidden from them at
 * that date (by the requests and engagements of that date) are left out, as in the live summary.
 */
export async function summaryAsOf(
  store: AsOfStore,
  asOf: Date,
  gapDays: number,
  viewer: Viewer,
): Promise<CoordinationSummary & { readonly basis: 'as_of'; readonly eventsRead: number }> {
  const { state, eventsRead } = await foldAsOf(store, asOf);
  const hidden = hiddenRequestIds(viewer, state.requests.values(), state.engagements.values());
  const rows = { requests: state.requests.values(), offers: state.offers.values(), engagements: state.engagements.values(), milestones: state.milestones.values() };
  return { basis: 'as_of', ...summarize(rows, asOf, gapDays, hidden), eventsRead };
}

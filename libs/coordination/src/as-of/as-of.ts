import { LOG_START, type EventStore, type LogPosition } from '@ta/event-store';
import { projectable, foldEvents } from '../projector/apply-batch';
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
export async function foldAsOf(store: Pick<EventStore, 'readAll'>, asOf: Date, options: { pageSize?: number } = {}): Promise<AsOfResult> {
  const state: AsOfState = { requests: new Map(), offers: new Map(), engagements: new Map(), milestones: new Map() };
  const limit = options.pageSize ?? 5000;
  const until = asOf.getTime();
  let after = LOG_START;
  let eventsRead = 0;
  let eventsApplied = 0;
  let position = LOG_START;
  for (;;) {
    const page = await store.readAll({ after, limit });
    if (page.length === 0) break;
    after = page[page.length - 1]!.logPosition;
    eventsRead += page.length;
    const known = page.filter((e) => e.recordedAt.getTime() <= until);
    if (known.length > 0) position = known[known.length - 1]!.logPosition;
    const events = projectable(known);
    eventsApplied += known.length;
    foldEvents(requestsProjection, state.requests, events);
    foldEvents(offersProjection, state.offers, events);
    foldEvents(engagementsProjection, state.engagements, events);
    foldEvents(milestonesProjection, state.milestones, events);
    if (page[page.length - 1]!.recordedAt.getTime() > until + AS_OF_SLACK_MS) break;
  }
  return { state, eventsRead, eventsApplied, position };
}

/**
 * The summary as of `asOf`, as `viewer` may see it: restricted requests hidden from them at
 * that date (by the requests and engagements of that date) are left out, as in the live summary.
 */
export async function summaryAsOf(
  store: Pick<EventStore, 'readAll'>,
  asOf: Date,
  gapDays: number,
  viewer: Viewer,
): Promise<CoordinationSummary & { readonly basis: 'as_of'; readonly eventsRead: number }> {
  const { state, eventsRead } = await foldAsOf(store, asOf);
  const hidden = hiddenRequestIds(viewer, state.requests.values(), state.engagements.values());
  const rows = { requests: state.requests.values(), offers: state.offers.values(), engagements: state.engagements.values(), milestones: state.milestones.values() };
  return { basis: 'as_of', ...summarize(rows, asOf, gapDays, hidden), eventsRead };
}

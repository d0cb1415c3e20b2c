import type { RequestRow } from '../read-models/requests/requests.entity';
import type { Param } from '../sql';
import { DAY_MS, DAY_SECONDS } from './as-at';

/**
 * A gap: a request open for offers for at least `olderThanDays` days at `asAt`, with no live
 * engagement (`live_engagements`: proposed, and neither declined nor cancelled).
 * Said twice, alike: in SQL for the live queries, in memory for "as of"; `rules.int-spec.ts`
 * runs both over the same rows.
 */
export function gapSql(r: string, p: Param, asAt: Date, olderThanDays: number): string {
  return `(${r}.status = 'open_for_offers' AND ${r}.live_engagements = 0 AND ${r}.opened_at <= ${p(asAt.toISOString())}::timestamptz - make_interval(secs => ${p(
    olderThanDays * DAY_SECONDS,
  )}))`;
}

export function isGap(r: Pick<RequestRow, 'status' | 'liveEngagements' | 'openedAt'>, asAt: Date, olderThanDays: number): boolean {
  return r.status === 'open_for_offers' && r.liveEngagements === 0 && r.openedAt !== null && Date.parse(r.openedAt) <= asAt.getTime() - olderThanDays * DAY_MS;
}

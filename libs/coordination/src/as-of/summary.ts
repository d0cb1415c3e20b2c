import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import type { OfferRow } from '../read-models/offers/offers.entity';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { AWAITING_ACKNOWLEDGEMENT_STATUS, COMMITTED_ENGAGEMENT_STATUSES, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { isDisputed } from '../rules/disputed.rule';
import { isGap } from '../rules/gap.rule';
import { isOverdue, overdueAwaiting } from '../rules/overdue.rule';
import { FundingTally, type FundingLine } from './funding';

export type { FundingLine } from './funding';

export interface CoordinationSummary {
  /** The time the derived figures (gaps, overdue) are computed at. */
  readonly asAt: string;
  readonly requests: { readonly total: number; readonly byStatus: Record<string, number> };
  readonly offers: { readonly total: number; readonly byStatus: Record<string, number>; readonly fullyCommitted: number };
  readonly engagements: { readonly total: number; readonly byStatus: Record<string, number> };
  /**
   * `overdue` = `overdueAwaitingReport` (the provider has not reported them done) +
   * `overdueAwaitingConfirmation` (reported done, the State has not confirmed them).
   */
  readonly milestones: {
    readonly total: number;
    readonly overdue: number;
    readonly overdueAwaitingReport: number;
    readonly overdueAwaitingConfirmation: number;
    readonly disputed: number;
  };
  /** Completions the State has yet to acknowledge, and those it did (delivered). */
  readonly completions: { readonly awaitingAcknowledgement: number; readonly acknowledged: number };
  readonly gaps: { readonly olderThanDays: number; readonly count: number };
  readonly funding: readonly FundingLine[];
}

export interface CoordinationRows {
  readonly requests: Iterable<RequestRow>;
  readonly offers: Iterable<OfferRow>;
  readonly engagements: Iterable<EngagementRow>;
  readonly milestones: Iterable<MilestoneRow>;
}

/**
 * The coordination summary from rows in memory ("as of" a past date). The live summary is the
 * same figures computed in SQL (`CoordinationQueries.summary`); a test keeps the two equal.
 * `hidden`: the ids of the restricted requests the viewer may not see (access/request-visibility):
 * they, their engagements and their milestones are left out of every figure, and their
 * engagements' committed amounts are taken out of the offers' committed and pledged sums.
 */
export function summarize(rows: CoordinationRows, asAt: Date, gapDays: number, hidden: ReadonlySet<string> = new Set()): CoordinationSummary {
  const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  const requests = { total: 0, byStatus: {} as Record<string, number> };
  let gaps = 0;
  for (const r of rows.requests) {
    if (hidden.has(r.requestId)) continue;
    requests.total++;
    count(requests.byStatus, r.status);
    if (isGap(r, asAt, gapDays)) gaps++;
  }
  const funding = new FundingTally();
  const offers = { total: 0, byStatus: {} as Record<string, number>, fullyCommitted: 0 };
  for (const o of rows.offers) {
    offers.total++;
    count(offers.byStatus, o.status);
    if (Number(o.remaining) === 0) offers.fullyCommitted++;
    const l = funding.line(o.capacityKind, o.currency);
    l.registered += Number(o.capacity);
    l.committed += Number(o.committed);
    l.pledged += Number(o.committed) + (o.status === 'open' ? Number(o.remaining) : 0);
  }
  const engagements = { total: 0, byStatus: {} as Record<string, number> };
  const engagementStatus = new Map<string, string>();
  const completions = { awaitingAcknowledgement: 0, acknowledged: 0 };
  for (const e of rows.engagements) {
    if (hidden.has(e.requestId)) {
      if ((COMMITTED_ENGAGEMENT_STATUSES as readonly string[]).includes(e.status)) {
        const l = funding.line(e.unitKind, e.currency);
        l.committed -= Number(e.amount);
        l.pledged -= Number(e.amount);
      }
      continue;
    }
    engagements.total++;
    count(engagements.byStatus, e.status);
    engagementStatus.set(e.engagementId, e.status);
    if (e.status === AWAITING_ACKNOWLEDGEMENT_STATUS) completions.awaitingAcknowledgement++;
    if ((DELIVERED_ENGAGEMENT_STATUSES as readonly string[]).includes(e.status)) {
      completions.acknowledged++;
      funding.line(e.unitKind, e.currency).delivered += Number(e.amount);
    }
  }
  const milestones = { total: 0, overdue: 0, overdueAwaitingReport: 0, overdueAwaitingConfirmation: 0, disputed: 0 };
  for (const m of rows.milestones) {
    if (hidden.has(m.requestId)) continue;
    milestones.total++;
    const status = engagementStatus.get(m.engagementId);
    if (isOverdue(m, status, asAt)) {
      milestones.overdue++;
      if (overdueAwaiting(m) === 'report') milestones.overdueAwaitingReport++;
      else milestones.overdueAwaitingConfirmation++;
    }
    if (isDisputed(m, status)) milestones.disputed++;
  }
  return {
    asAt: asAt.toISOString(),
    requests: { total: requests.total, byStatus: sortKeys(requests.byStatus) },
    offers: { ...offers, byStatus: sortKeys(offers.byStatus) },
    engagements: { total: engagements.total, byStatus: sortKeys(engagements.byStatus) },
    milestones,
    completions,
    gaps: { olderThanDays: gapDays, count: gaps },
    funding: funding.sorted(),
  };
}

export function sortKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

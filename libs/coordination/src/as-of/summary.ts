import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import type { OfferRow } from '../read-models/offers/offers.entity';
import type { RequestRow } from '../read-models/requests/requests.entity';

/** Money in integer minor units of `currency`; in-kind capacity in expert-days (`currency` null). */
export interface FundingLine {
  readonly unit: 'money' | 'expert_days';
  readonly currency: string | null;
  /** Everything ever offered. */
  readonly registered: number;
  /** Committed, plus what open offers still have: withdrawn or expired remainders no longer count. */
  readonly pledged: number;
  /** Committed by agreed engagements (released commitments excluded). */
  readonly committed: number;
  /** Amounts of completed engagements. */
  readonly delivered: number;
}

export interface CoordinationSummary {
  /** The time the derived figures (gaps, overdue) are computed at. */
  readonly asAt: string;
  readonly requests: { readonly total: number; readonly byStatus: Record<string, number> };
  readonly offers: { readonly total: number; readonly byStatus: Record<string, number>; readonly fullyCommitted: number };
  readonly engagements: { readonly total: number; readonly byStatus: Record<string, number> };
  readonly milestones: { readonly total: number; readonly overdue: number; readonly disputed: number };
  readonly gaps: { readonly olderThanDays: number; readonly count: number };
  readonly funding: readonly FundingLine[];
}

export interface CoordinationRows {
  readonly requests: Iterable<RequestRow>;
  readonly offers: Iterable<OfferRow>;
  readonly engagements: Iterable<EngagementRow>;
  readonly milestones: Iterable<MilestoneRow>;
}

const DAY_MS = 86_400_000;

/** A request is a gap when open for offers since at least `days` days with no live engagement. */
export function isGap(r: Pick<RequestRow, 'status' | 'liveEngagements' | 'openedAt'>, asAt: Date, days: number): boolean {
  return r.status === 'open_for_offers' && r.liveEngagements === 0 && r.openedAt !== null && Date.parse(r.openedAt) <= asAt.getTime() - days * DAY_MS;
}

/** Overdue: not confirmed, due before the "as at" day, in an active engagement. */
export function isOverdue(m: Pick<MilestoneRow, 'status' | 'dueDate'>, engagementStatus: string | undefined, asAt: Date): boolean {
  return engagementStatus === 'active' && m.status !== 'confirmed' && m.dueDate < asAt.toISOString().slice(0, 10);
}

/** Engagement statuses whose amount is in its offer's `committed` (capacity committed, then activated). */
export const COMMITTED_ENGAGEMENT_STATUSES = ['active', 'completed'] as const;

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
  const funding = new Map<string, { unit: 'money' | 'expert_days'; currency: string | null; registered: number; pledged: number; committed: number; delivered: number }>();
  const line = (unit: 'money' | 'expert_days', currency: string | null) => {
    const key = `${unit}:${currency ?? ''}`;
    let l = funding.get(key);
    if (!l) funding.set(key, (l = { unit, currency, registered: 0, pledged: 0, committed: 0, delivered: 0 }));
    return l;
  };
  const offers = { total: 0, byStatus: {} as Record<string, number>, fullyCommitted: 0 };
  for (const o of rows.offers) {
    offers.total++;
    count(offers.byStatus, o.status);
    if (Number(o.remaining) === 0) offers.fullyCommitted++;
    const l = line(o.capacityKind, o.currency);
    l.registered += Number(o.capacity);
    l.committed += Number(o.committed);
    l.pledged += Number(o.committed) + (o.status === 'open' ? Number(o.remaining) : 0);
  }
  const engagements = { total: 0, byStatus: {} as Record<string, number> };
  const engagementStatus = new Map<string, string>();
  for (const e of rows.engagements) {
    if (hidden.has(e.requestId)) {
      if ((COMMITTED_ENGAGEMENT_STATUSES as readonly string[]).includes(e.status)) {
        const l = line(e.unitKind, e.currency);
        l.committed -= Number(e.amount);
        l.pledged -= Number(e.amount);
      }
      continue;
    }
    engagements.total++;
    count(engagements.byStatus, e.status);
    engagementStatus.set(e.engagementId, e.status);
    if (e.status === 'completed') line(e.unitKind, e.currency).delivered += Number(e.amount);
  }
  const milestones = { total: 0, overdue: 0, disputed: 0 };
  for (const m of rows.milestones) {
    if (hidden.has(m.requestId)) continue;
    milestones.total++;
    const status = engagementStatus.get(m.engagementId);
    if (isOverdue(m, status, asAt)) milestones.overdue++;
    if (m.status === 'disputed' && status === 'active') milestones.disputed++;
  }
  return {
    asAt: asAt.toISOString(),
    requests: { total: requests.total, byStatus: sortKeys(requests.byStatus) },
    offers: { ...offers, byStatus: sortKeys(offers.byStatus) },
    engagements: { total: engagements.total, byStatus: sortKeys(engagements.byStatus) },
    milestones,
    gaps: { olderThanDays: gapDays, count: gaps },
    funding: sortFunding([...funding.values()]),
  };
}

export function sortKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

export function sortFunding(lines: FundingLine[]): FundingLine[] {
  return lines.sort((a, b) => a.unit.localeCompare(b.unit) || (a.currency ?? '').localeCompare(b.currency ?? ''));
}

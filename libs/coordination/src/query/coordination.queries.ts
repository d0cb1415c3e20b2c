import { NotFoundError } from '@ta/core';
import type { Sql } from '../sql';
import { COMMITTED_ENGAGEMENT_STATUSES, sortFunding, sortKeys, type CoordinationSummary, type FundingLine } from '../as-of/summary';
import { listPage, type ListSpec, type Page } from './pagination';
import { overlapGroups, type OverlapFilters, type OverlapGroup } from './overlaps.queries';
import { requestIdVisibleSql } from '../access/request-visibility';
import { Conditions, ENGAGEMENT_STATUSES, publicMilestone, publicRequest, ReadModelQueries, REQUEST_STATUSES, regionsOf, type ListOptions, type Viewer } from './read-model.queries';

const DAY = 86_400;
const day = (d: Date) => d.toISOString().slice(0, 10);
const n = (v: unknown) => Number(v ?? 0);

export const GAPS_LIST: ListSpec = {
  from: 'coordination.requests t',
  key: 'request_id',
  sorts: { openedAt: { column: 'opened_at', type: 'timestamptz' } },
};

export const MILESTONES_LIST: ListSpec = {
  from: 'coordination.milestones t JOIN coordination.engagements e ON e.engagement_id = t.engagement_id',
  key: 'milestone_key',
  sorts: { dueDate: { column: 'due_date', type: 'date' } },
  extra: 'e.country AS country, e.provider_id AS provider_id',
};

/** The coordinated view's aggregates over the read-model tables; time-dependent figures use `asAt`. */
export class CoordinationQueries {
  constructor(
    private readonly sql: Sql,
    private readonly rows: ReadModelQueries,
  ) {}

  /** Every figure leaves out the restricted requests hidden from `viewer`, their engagements and milestones. */
  async summary(asAt: Date, gapDays: number, viewer: Viewer): Promise<CoordinationSummary> {
    const r = visibleRequests(viewer, 't');
    const gap = visibleRequests(viewer, 't')
      .add(() => `t.status = 'open_for_offers' AND t.live_engagements = 0`)
      .add((p) => `t.opened_at <= ${p(asAt.toISOString())}::timestamptz - make_interval(secs => ${p(gapDays * DAY)})`);
    const e = visibleRequestIds(viewer, 't.request_id');
    const m = visibleRequestIds(viewer, 'm.request_id');
    m.params.push(day(asAt));
    const due = `$${m.params.length}::date`;
    const [requests, gaps, offers, engagements, milestones, funding] = await Promise.all([
      this.sql(`SELECT t.status, count(*) AS n FROM coordination.requests t ${whereOf(r)} GROUP BY t.status`, r.params),
      this.sql(`SELECT count(*) AS n FROM coordination.requests t ${whereOf(gap)}`, gap.params),
      this.sql(`SELECT status, count(*) AS n, count(*) FILTER (WHERE remaining = 0) AS full FROM coordination.offers GROUP BY status`),
      this.sql(`SELECT t.status, count(*) AS n FROM coordination.engagements t ${whereOf(e)} GROUP BY t.status`, e.params),
      this.sql(
        `SELECT count(*) AS n,
                count(*) FILTER (WHERE e.status = 'active' AND m.status <> 'confirmed' AND m.due_date < ${due}) AS overdue,
                count(*) FILTER (WHERE e.status = 'active' AND m.status = 'disputed') AS disputed
           FROM coordination.milestones m LEFT JOIN coordination.engagements e ON e.engagement_id = m.engagement_id ${whereOf(m)}`,
        m.params,
      ),
      this.funding({}, viewer),
    ]);
    const byStatus = (rows: Array<Record<string, unknown>>) => sortKeys(Object.fromEntries(rows.map((r) => [String(r.status), n(r.n)])));
    const total = (rows: Array<Record<string, unknown>>) => rows.reduce((s, r) => s + n(r.n), 0);
    return {
      asAt: asAt.toISOString(),
      requests: { total: total(requests), byStatus: byStatus(requests) },
      offers: { total: total(offers), byStatus: byStatus(offers), fullyCommitted: offers.reduce((s, r) => s + n(r.full), 0) },
      engagements: { total: total(engagements), byStatus: byStatus(engagements) },
      milestones: { total: n(milestones[0]?.n), overdue: n(milestones[0]?.overdue), disputed: n(milestones[0]?.disputed) },
      gaps: { olderThanDays: gapDays, count: n(gaps[0]?.n) },
      funding,
    };
  }

  /**
   * Pledged vs committed vs delivered, per currency; in-kind expert-days on their own line.
   * Engagements on requests hidden from `viewer` are left out of `delivered`, and their committed
   * amounts (active or completed engagements) out of `committed` and `pledged`.
   */
  async funding(f: { donor?: string }, viewer: Viewer): Promise<FundingLine[]> {
    const c = new Conditions().when(f.donor, (p, v) => `t.provider_id = ${p(v)}`);
    const d = new Conditions().when(f.donor, (p, v) => `t.provider_id = ${p(v)}`).add(() => `t.status = 'completed'`);
    ReadModelQueries.visibleRequestId(d, viewer);
    const hiddenWhere = requestIdVisibleSql(viewer, 't.request_id', () => '');
    const h = new Conditions().when(f.donor, (p, v) => `t.provider_id = ${p(v)}`).add(() => `t.status IN (${COMMITTED_ENGAGEMENT_STATUSES.map((x) => `'${x}'`).join(', ')})`);
    h.add((p) => `NOT (${requestIdVisibleSql(viewer, 't.request_id', p)})`);
    const [offered, delivered, hidden] = await Promise.all([
      this.sql(
        `SELECT capacity_kind AS unit, currency, sum(capacity) AS registered, sum(committed + CASE WHEN status = 'open' THEN remaining ELSE 0 END) AS pledged,
                sum(committed) AS committed
           FROM coordination.offers t ${whereOf(c)} GROUP BY 1, 2`,
        c.params,
      ),
      this.sql(`SELECT unit_kind AS unit, currency, sum(amount) AS delivered FROM coordination.engagements t ${whereOf(d)} GROUP BY 1, 2`, d.params),
      hiddenWhere === null
        ? Promise.resolve([])
        : this.sql(`SELECT unit_kind AS unit, currency, sum(amount) AS hidden FROM coordination.engagements t ${whereOf(h)} GROUP BY 1, 2`, h.params),
    ]);
    const lines = new Map<string, { unit: 'money' | 'expert_days'; currency: string | null; registered: number; pledged: number; committed: number; delivered: number }>();
    const line = (unit: string, currency: string | null) => {
      const key = `${unit}:${currency ?? ''}`;
      let l = lines.get(key);
      if (!l) lines.set(key, (l = { unit: unit as 'money' | 'expert_days', currency, registered: 0, pledged: 0, committed: 0, delivered: 0 }));
      return l;
    };
    for (const r of offered) Object.assign(line(String(r.unit), (r.currency as string | null) ?? null), { registered: n(r.registered), pledged: n(r.pledged), committed: n(r.committed) });
    for (const r of delivered) line(String(r.unit), (r.currency as string | null) ?? null).delivered = n(r.delivered);
    for (const r of hidden) {
      const l = line(String(r.unit), (r.currency as string | null) ?? null);
      l.committed -= n(r.hidden);
      l.pledged -= n(r.hidden);
    }
    return sortFunding([...lines.values()]);
  }

  /** Requests open for offers at least `olderThanDays` days, without a live engagement. Oldest first. */
  async gaps(
    f: { olderThanDays: number; asAt: Date; country?: string; article?: string; taType?: string; priority?: string },
    viewer: Viewer,
    o: ListOptions,
  ) {
    const c = new Conditions()
      .add(() => `t.status = 'open_for_offers' AND t.live_engagements = 0`)
      .add((p) => `t.opened_at <= ${p(f.asAt.toISOString())}::timestamptz - make_interval(secs => ${p(f.olderThanDays * DAY)})`)
      .when(f.country, (p, v) => `t.country = ${p(v)}`)
      .when(f.article, (p, v) => `t.articles @> ARRAY[${p(v)}::text]`)
      .when(f.taType, (p, v) => `t.ta_types @> ARRAY[${p(v)}::text]`)
      .when(f.priority, (p, v) => `t.priority = ${p(v)}`);
    ReadModelQueries.visibility(c, viewer);
    const page = await listPage(this.sql, GAPS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return {
      asAt: f.asAt.toISOString(),
      olderThanDays: f.olderThanDays,
      nextCursor: page.nextCursor,
      items: page.items.map((r) => {
        const row = this.rows.requestFromJson(r.j as Record<string, unknown>);
        return { ...publicRequest(row), daysOpen: Math.floor((f.asAt.getTime() - Date.parse(row.openedAt!)) / (DAY * 1000)) };
      }),
    };
  }

  /**
   * Overlaps, flagged before anyone commits, as groups (overlaps.queries.ts), one page:
   * - live engagements (proposed, agreed or active) for the same country, the same beneficiary
   *   institution (compared case- and space-insensitively) and an UNCAC article, whose offers'
   *   availability windows overlap (`sameRequest`: the same request funded twice);
   * - open offers with capacity left that name the same country explicitly and an article,
   *   with overlapping availability windows (offers name no institution).
   * Engagements on restricted requests hidden from `viewer` are left out.
   */
  async overlaps(f: OverlapFilters, viewer: Viewer, o: { limit: number; cursor?: string }): Promise<Page<OverlapGroup>> {
    return overlapGroups(this.rows.sqlWithoutJit, f, viewer, o);
  }

  /** Counts and ages (days in the current stage) per lifecycle stage of requests and engagements. */
  async pipeline(f: { asAt: Date; country?: string; donor?: string }, viewer: Viewer) {
    const stage = async (table: string, statuses: readonly string[], c: Conditions) => {
      c.params.push(f.asAt.toISOString());
      const asAt = `$${c.params.length}::timestamptz`;
      const rows = await this.sql(
        `SELECT status, count(*) AS n,
                avg(extract(epoch FROM ${asAt} - status_since) / ${DAY}) AS avg_days,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${asAt} - status_since) / ${DAY}) AS median_days,
                max(extract(epoch FROM ${asAt} - status_since) / ${DAY}) AS max_days
           FROM ${table} t ${whereOf(c)} GROUP BY status`,
        c.params,
      );
      const found = new Map(rows.map((r) => [String(r.status), r]));
      const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
      return statuses.map((status) => {
        const r = found.get(status);
        return { stage: status, count: n(r?.n), avgAgeDays: round(r?.avg_days), medianAgeDays: round(r?.median_days), maxAgeDays: round(r?.max_days) };
      });
    };
    const requests = await stage('coordination.requests', REQUEST_STATUSES, visibleRequests(viewer, 't').when(f.country, (p, v) => `t.country = ${p(v)}`));
    const engagements = await stage(
      'coordination.engagements',
      ENGAGEMENT_STATUSES,
      visibleRequestIds(viewer, 't.request_id')
        .when(f.country, (p, v) => `t.country = ${p(v)}`)
        .when(f.donor, (p, v) => `t.provider_id = ${p(v)}`),
    );
    return { asAt: f.asAt.toISOString(), requests, engagements };
  }

  /** Needs (requests, withdrawn and declined left out) and open offers, per UNCAC article x TA type. */
  async coverage(f: { country?: string; article?: string; taType?: string }, viewer: Viewer) {
    const r = visibleRequests(viewer, 't')
      .add(() => `t.status NOT IN ('withdrawn', 'declined')`)
      .when(f.country, (p, v) => `t.country = ${p(v)}`);
    const o = new Conditions()
      .add(() => `status = 'open' AND remaining > 0`)
      .when(f.country, (p, v) => `(eligible_countries @> ARRAY[${p(v)}::text] OR eligible_regions && ${p(regionsOf(v))}::text[])`);
    const [needs, offers] = await Promise.all([
      this.sql(
        `SELECT article, ta_type, count(*) AS requests,
                count(*) FILTER (WHERE t.status = 'open_for_offers') AS open,
                count(*) FILTER (WHERE t.status IN ('matched', 'in_delivery', 'delivered', 'follow_up_recorded', 'closed')) AS matched
           FROM coordination.requests t, unnest(t.articles) AS article, unnest(t.ta_types) AS ta_type
          WHERE ${r.where.join(' AND ')} GROUP BY 1, 2`,
        r.params,
      ),
      this.sql(
        `SELECT article, ta_type, count(*) AS offers FROM coordination.offers, unnest(articles) AS article, unnest(ta_types) AS ta_type
          WHERE ${o.where.join(' AND ')} GROUP BY 1, 2`,
        o.params,
      ),
    ]);
    const cells = new Map<string, { article: string; taType: string; requests: number; openRequests: number; matchedRequests: number; openOffers: number }>();
    const cell = (article: string, taType: string) => {
      const key = `${article}|${taType}`;
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { article, taType, requests: 0, openRequests: 0, matchedRequests: 0, openOffers: 0 }));
      return c;
    };
    for (const x of needs) Object.assign(cell(String(x.article), String(x.ta_type)), { requests: n(x.requests), openRequests: n(x.open), matchedRequests: n(x.matched) });
    for (const x of offers) cell(String(x.article), String(x.ta_type)).openOffers = n(x.offers);
    const items = [...cells.values()]
      .filter((c) => (f.article === undefined || c.article === f.article) && (f.taType === undefined || c.taType === f.taType))
      .map((c) => ({ ...c, uncovered: c.openRequests > 0 && c.openOffers === 0 }))
      .sort((a, b) => articleNumber(a.article) - articleNumber(b.article) || a.article.localeCompare(b.article) || a.taType.localeCompare(b.taType));
    return { items };
  }

  async country(code: string, asAt: Date, gapDays: number, viewer: Viewer) {
    const r = visibleRequests(viewer, 't').add((p) => `t.country = ${p(code)}`);
    const gap = visibleRequests(viewer, 't')
      .add((p) => `t.country = ${p(code)} AND t.status = 'open_for_offers' AND t.live_engagements = 0`)
      .add((p) => `t.opened_at <= ${p(asAt.toISOString())}::timestamptz - make_interval(secs => ${p(gapDays * DAY)})`);
    const e = visibleRequestIds(viewer, 't.request_id').add((p) => `t.country = ${p(code)}`);
    const m = visibleRequestIds(viewer, 'm.request_id')
      .add((p) => `e.country = ${p(code)} AND e.status = 'active' AND m.status <> 'confirmed' AND m.due_date < ${p(day(asAt))}::date`);
    const [requests, gaps, engagements, funding, offers, overdue] = await Promise.all([
      this.sql(`SELECT t.status, count(*) AS n FROM coordination.requests t ${whereOf(r)} GROUP BY t.status`, r.params),
      this.sql(`SELECT count(*) AS n FROM coordination.requests t ${whereOf(gap)}`, gap.params),
      this.sql(`SELECT t.status, count(*) AS n FROM coordination.engagements t ${whereOf(e)} GROUP BY t.status`, e.params),
      this.sql(
        `SELECT unit_kind AS unit, currency, sum(amount) FILTER (WHERE status IN ('agreed', 'active', 'completed')) AS committed,
                sum(amount) FILTER (WHERE status = 'completed') AS delivered
           FROM coordination.engagements t ${whereOf(e)} GROUP BY 1, 2 ORDER BY 1, 2`,
        e.params,
      ),
      this.sql(
        `SELECT count(*) AS n FROM coordination.offers WHERE status = 'open' AND remaining > 0
            AND (eligible_countries @> ARRAY[$1::text] OR eligible_regions && $2::text[])`,
        [code, regionsOf(code)],
      ),
      this.sql(`SELECT count(*) AS n FROM coordination.milestones m JOIN coordination.engagements e ON e.engagement_id = m.engagement_id ${whereOf(m)}`, m.params),
    ]);
    const byStatus = (rows: Array<Record<string, unknown>>) => sortKeys(Object.fromEntries(rows.map((r) => [String(r.status), n(r.n)])));
    return {
      country: code,
      asAt: asAt.toISOString(),
      requests: { total: requests.reduce((s, r) => s + n(r.n), 0), byStatus: byStatus(requests) },
      gaps: { olderThanDays: gapDays, count: n(gaps[0]?.n) },
      engagements: { total: engagements.reduce((s, r) => s + n(r.n), 0), byStatus: byStatus(engagements) },
      funding: funding.map((r) => ({ unit: r.unit, currency: r.currency, committed: n(r.committed), delivered: n(r.delivered) })),
      openOffersEligible: n(offers[0]?.n),
      overdueMilestones: n(overdue[0]?.n),
    };
  }

  async donor(providerId: string, viewer: Viewer) {
    const e = visibleRequestIds(viewer, 't.request_id').add((p) => `t.provider_id = ${p(providerId)}`);
    const [offers, engagements, countries] = await Promise.all([
      this.sql('SELECT status, count(*) AS n FROM coordination.offers WHERE provider_id = $1 GROUP BY status', [providerId]),
      this.sql(`SELECT t.status, count(*) AS n FROM coordination.engagements t ${whereOf(e)} GROUP BY t.status`, e.params),
      this.sql(
        `SELECT t.country, count(*) AS engagements, count(*) FILTER (WHERE t.status = 'active') AS active, count(*) FILTER (WHERE t.status = 'completed') AS completed
           FROM coordination.engagements t ${whereOf(e)} GROUP BY t.country ORDER BY t.country`,
        e.params,
      ),
    ]);
    if (offers.length === 0 && engagements.length === 0) {
      throw new NotFoundError('coordination.donor_not_found', `No offer or engagement of provider ${providerId}`, { providerId });
    }
    const byStatus = (rows: Array<Record<string, unknown>>) => sortKeys(Object.fromEntries(rows.map((r) => [String(r.status), n(r.n)])));
    return {
      providerId,
      offers: { total: offers.reduce((s, r) => s + n(r.n), 0), byStatus: byStatus(offers) },
      engagements: { total: engagements.reduce((s, r) => s + n(r.n), 0), byStatus: byStatus(engagements) },
      funding: await this.funding({ donor: providerId }, viewer),
      countries: countries.map((r) => ({ country: r.country, engagements: n(r.engagements), active: n(r.active), completed: n(r.completed) })),
    };
  }

  /** Milestones of active engagements: overdue (not confirmed, due before `asAt`'s day) or disputed. */
  async milestones(
    kind: 'overdue' | 'disputed',
    f: { asAt: Date; country?: string; donor?: string },
    viewer: Viewer,
    o: ListOptions,
  ): Promise<Page<Record<string, unknown>> & { asAt: string }> {
    const c = visibleRequestIds(viewer, 't.request_id').add(() => `e.status = 'active'`);
    if (kind === 'overdue') c.add((p) => `t.status <> 'confirmed' AND t.due_date < ${p(day(f.asAt))}::date`);
    else c.add(() => `t.status = 'disputed'`);
    c.when(f.country, (p, v) => `e.country = ${p(v)}`).when(f.donor, (p, v) => `e.provider_id = ${p(v)}`);
    const page = await listPage(this.sql, MILESTONES_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    const today = Date.parse(`${day(f.asAt)}T00:00:00Z`);
    return {
      asAt: f.asAt.toISOString(),
      nextCursor: page.nextCursor,
      items: page.items.map((r) => {
        const m = this.rows.milestoneFromJson(r.j as Record<string, unknown>);
        return {
          ...publicMilestone(m),
          country: r.country,
          providerId: r.provider_id,
          daysOverdue: Math.max(0, Math.round((today - Date.parse(`${m.dueDate}T00:00:00Z`)) / (DAY * 1000))),
        };
      }),
    };
  }
}

/** Conditions starting with "only the requests `viewer` may see" (`alias`: a requests row). */
function visibleRequests(viewer: Viewer, alias: string): Conditions {
  return ReadModelQueries.visibility(new Conditions(), viewer, alias);
}

/** Conditions starting with "only rows naming a request `viewer` may see". */
function visibleRequestIds(viewer: Viewer, requestId: string): Conditions {
  return ReadModelQueries.visibleRequestId(new Conditions(), viewer, requestId);
}

function whereOf(c: Conditions): string {
  return c.where.length > 0 ? `WHERE ${c.where.join(' AND ')}` : '';
}

function articleNumber(code: string): number {
  const m = /^art-(\d+)$/.exec(code);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

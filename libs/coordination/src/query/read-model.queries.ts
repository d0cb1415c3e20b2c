import { NotFoundError } from '@ta/core';
import type { DataSource } from 'typeorm';
import type { Sql } from '../sql';
import { EntityColumns } from '../read-models/entity-columns';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { requestsProjection } from '../read-models/requests/requests.projection';
import { offersProjection } from '../read-models/offers/offers.projection';
import { engagementsProjection } from '../read-models/engagements/engagements.projection';
import { milestonesProjection } from '../read-models/milestones/milestones.projection';
import type { OfferRow } from '../read-models/offers/offers.entity';
import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import { listPage, type ListSpec, type Page } from './pagination';
import type { Viewer } from '../access/request-visibility';
import { isOverdue } from '../rules/overdue.rule';
import { Conditions } from './conditions';
import { codeList } from '../sql';
import { COMMITTED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { sourceFilterSql, type SourceFilters } from './need-sources.queries';
import type { LanguageCode } from '@ta/codelists';
import { CaseTextQueries } from '../texts/case-texts.queries';

export type { Viewer } from '../access/request-visibility';
/** The statuses, for the query tables and the answers' schemas. */
export { ENGAGEMENT_STATUSES, OFFER_STATUSES, REQUEST_STATUSES } from '../read-models/statuses';

export interface ListOptions {
  readonly sort: string;
  readonly cursor?: string;
  readonly limit: number;
}

export const REQUESTS_LIST: ListSpec = {
  from: 'coordination.requests t',
  key: 'request_id',
  sorts: {
    submittedAt: { column: 'submitted_at', type: 'timestamptz' },
    updatedAt: { column: 'updated_at', type: 'timestamptz' },
    country: { column: 'country', type: 'text' },
  },
};
export const OFFERS_LIST: ListSpec = {
  from: 'coordination.offers t',
  key: 'offer_id',
  sorts: {
    registeredAt: { column: 'registered_at', type: 'timestamptz' },
    availableFrom: { column: 'available_from', type: 'date' },
    remaining: { column: 'remaining', type: 'bigint' },
  },
};
export const ENGAGEMENTS_LIST: ListSpec = {
  from: 'coordination.engagements t',
  key: 'engagement_id',
  sorts: {
    proposedAt: { column: 'proposed_at', type: 'timestamptz' },
    updatedAt: { column: 'updated_at', type: 'timestamptz' },
    score: { column: 'score', type: 'double precision' },
  },
};

/*
 * The lists' filters, each said once: the lists and search (search.queries.ts, `part`) apply the
 * same conditions to the same rows (aliased `t`). A filter added here reaches search, without
 * re-indexing, once search's query table (`SEARCH_QUERY`) names it and `part` passes it on.
 */
export interface RequestFilters extends SourceFilters {
  country?: string;
  /** UN M49 region, sub-regions included (`CaseFilter`). */
  region?: string;
  /** Requests this provider has an engagement on (`CaseFilter`). */
  donor?: string;
  article?: string;
  taType?: string;
  status?: string;
  priority?: string;
  statePriority?: string;
  restricted?: boolean;
  submittedFrom?: Date;
  submittedTo?: Date;
}
export function requestFilters(c: Conditions, f: RequestFilters): Conditions {
  return c
    .requestsIn({ country: f.country, region: f.region, article: f.article, taType: f.taType, donor: f.donor })
    .when(f.status, (p, v) => `t.status = ${p(v)}`)
    .when(f.priority, (p, v) => `t.priority = ${p(v)}`)
    .when(f.statePriority, (p, v) => `t.state_priority = ${p(v)}`)
    .when(f.restricted, (_, v) => (v ? 't.restricted' : 'NOT t.restricted'))
    .add((p) => sourceFilterSql(f, p) ?? 'true')
    .when(f.submittedFrom, (p, v) => `t.submitted_at >= ${p(v.toISOString())}`)
    .when(f.submittedTo, (p, v) => `t.submitted_at < ${p(v.toISOString())}`);
}

export interface OfferFilters {
  donor?: string;
  country?: string;
  region?: string;
  registeredFrom?: Date;
  registeredTo?: Date;
  article?: string;
  taType?: string;
  status?: string;
  currency?: string;
  availableOn?: Date;
  withCapacity?: boolean;
}
export function offerFilters(c: Conditions, f: OfferFilters): Conditions {
  return c
    .offersIn({ donor: f.donor, country: f.country, region: f.region, article: f.article, taType: f.taType, from: f.registeredFrom, to: f.registeredTo })
    .when(f.status, (p, v) => `t.status = ${p(v)}`)
    .when(f.currency, (p, v) => `t.currency = ${p(v)}`)
    .when(f.availableOn, (p, v) => `${p(v.toISOString().slice(0, 10))}::date BETWEEN t.available_from AND t.available_to`)
    .when(f.withCapacity ? true : undefined, () => `t.remaining > 0`);
}

export interface EngagementFilters {
  country?: string;
  region?: string;
  donor?: string;
  /** Of the engagement's request. */
  article?: string;
  taType?: string;
  sourceKind?: string;
  currency?: string;
  /** Only those whose amount is committed (`COMMITTED_ENGAGEMENT_STATUSES`). */
  committed?: boolean;
  status?: string;
  requestId?: string;
  offerId?: string;
  proposedFrom?: Date;
  proposedTo?: Date;
}
export function engagementFilters(c: Conditions, f: EngagementFilters): Conditions {
  return c
    .engagementsIn({ country: f.country, region: f.region, donor: f.donor, article: f.article, taType: f.taType, sourceKind: f.sourceKind, from: f.proposedFrom, to: f.proposedTo })
    .when(f.currency, (p, v) => `t.currency = ${p(v)}`)
    .when(f.committed ? true : undefined, () => `t.status IN (${codeList(COMMITTED_ENGAGEMENT_STATUSES)})`)
    .when(f.status, (p, v) => `t.status = ${p(v)}`)
    .when(f.requestId, (p, v) => `t.request_id = ${p(v)}`)
    .when(f.offerId, (p, v) => `t.offer_id = ${p(v)}`);
}

/** The read side of the coordinated view: lists, details and lookups over the read-model tables. */
export class ReadModelQueries {
  readonly sql: Sql;
  /** As `sql`, in a transaction of its own with JIT compilation off (`SET LOCAL`): see `overlapGroups`. */
  readonly sqlWithoutJit: Sql;
  /** Rows from `to_jsonb(row)`, per read model. */
  readonly requestColumns: EntityColumns<RequestRow>;
  readonly offerColumns: EntityColumns<OfferRow>;
  readonly engagementColumns: EntityColumns<EngagementRow>;
  readonly milestoneColumns: EntityColumns<MilestoneRow>;
  /** The case's texts in the reader's language (`case_texts`). */
  readonly texts: CaseTextQueries;

  /** `rewrite`: the statements' table names as of a cut of the log ("as of", `asOfRewrite`); none: live. */
  constructor(dataSource: DataSource, rewrite: (text: string) => string = (text) => text) {
    this.sql = (text, params) => dataSource.query(rewrite(text), params ?? []);
    this.sqlWithoutJit = (text, params) =>
      dataSource.transaction(async (m) => {
        await m.query('SET LOCAL jit = off');
        return m.query(rewrite(text), params ?? []);
      });
    this.requestColumns = new EntityColumns(dataSource, requestsProjection);
    this.offerColumns = new EntityColumns(dataSource, offersProjection);
    this.engagementColumns = new EntityColumns(dataSource, engagementsProjection);
    this.milestoneColumns = new EntityColumns(dataSource, milestonesProjection);
    this.texts = new CaseTextQueries(this.sql);
  }

  async listRequests(
    f: RequestFilters,
    viewer: Viewer,
    o: ListOptions,
  ): Promise<Page<ReturnType<typeof publicRequest>>> {
    const c = requestFilters(new Conditions(), f).visibleRequests(viewer);
    const page = await listPage(this.sql, REQUESTS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return { ...page, items: page.items.map((r) => publicRequest(this.requestColumns.fromJson(r.j as Record<string, unknown>))) };
  }

  /** 404 (not 403) when it is restricted and hidden from `viewer`: its existence is not revealed. */
  /** `reader`: the language the texts are wanted in (their original when they do not exist in it). */
  async request(requestId: string, viewer: Viewer, reader: LanguageCode | null = null) {
    const c = new Conditions().add((p) => `t.request_id = ${p(requestId)}`).visibleRequests(viewer);
    const rows = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.requests t ${c.whereClause}`, c.params);
    if (rows.length === 0) throw new NotFoundError('coordination.request_not_found', `No request ${requestId}`, { requestId });
    const history = await this.sql(
      `SELECT event_id, event_type, actor_id, actor_role, occurred_at, reason, details, global_position
         FROM coordination.request_history WHERE request_id = $1 ORDER BY commit_order, global_position`,
      [requestId],
    );
    const engagements = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.engagements t WHERE request_id = $1 ORDER BY proposed_at, engagement_id`, [requestId]);
    const texts = await this.texts.request(requestId, reader);
    return {
      ...publicRequest(this.requestColumns.fromJson(rows[0]!.j as Record<string, unknown>)),
      texts,
      engagements: engagements.map((e) => publicEngagement(this.engagementColumns.fromJson(e.j as Record<string, unknown>))),
      history: history.map((h) => ({
        eventId: h.event_id,
        type: h.event_type,
        actorId: h.actor_id,
        actorRole: h.actor_role,
        occurredAt: new Date(h.occurred_at as string | Date).toISOString(),
        reason: h.reason,
        details: h.details,
        globalPosition: Number(h.global_position),
      })),
    };
  }

  async listOffers(
    f: OfferFilters,
    o: ListOptions,
  ): Promise<Page<ReturnType<typeof publicOffer>>> {
    const c = offerFilters(new Conditions(), f);
    const page = await listPage(this.sql, OFFERS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return { ...page, items: page.items.map((r) => publicOffer(this.offerColumns.fromJson(r.j as Record<string, unknown>))) };
  }

  /** An offer (offers are never restricted) with the engagements on it that `viewer` may see. */
  async offer(offerId: string, viewer: Viewer, reader: LanguageCode | null = null) {
    const rows = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.offers t WHERE offer_id = $1`, [offerId]);
    if (rows.length === 0) throw new NotFoundError('coordination.offer_not_found', `No offer ${offerId}`, { offerId });
    const c = new Conditions().add((p) => `t.offer_id = ${p(offerId)}`).visibleRequestIds(viewer);
    const engagements = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.engagements t ${c.whereClause} ORDER BY proposed_at, engagement_id`, c.params);
    const texts = await this.texts.offer(offerId, reader);
    return {
      ...publicOffer(this.offerColumns.fromJson(rows[0]!.j as Record<string, unknown>)),
      texts,
      engagements: engagements.map((e) => publicEngagement(this.engagementColumns.fromJson(e.j as Record<string, unknown>))),
    };
  }

  async listEngagements(
    f: EngagementFilters,
    viewer: Viewer,
    o: ListOptions,
  ): Promise<Page<ReturnType<typeof publicEngagement>>> {
    const c = engagementFilters(new Conditions(), f).visibleRequestIds(viewer);
    const page = await listPage(this.sql, ENGAGEMENTS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return { ...page, items: page.items.map((r) => publicEngagement(this.engagementColumns.fromJson(r.j as Record<string, unknown>))) };
  }

  /** 404 as well when it is on a restricted request hidden from `viewer`: its existence is not revealed. */
  async engagement(engagementId: string, asAt: Date, viewer: Viewer, reader: LanguageCode | null = null) {
    const c = new Conditions().add((p) => `t.engagement_id = ${p(engagementId)}`).visibleRequestIds(viewer);
    const rows = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.engagements t ${c.whereClause}`, c.params);
    if (rows.length === 0) throw new NotFoundError('coordination.engagement_not_found', `No engagement ${engagementId}`, { engagementId });
    const engagement = this.engagementColumns.fromJson(rows[0]!.j as Record<string, unknown>);
    const milestones = await this.sql(`SELECT to_jsonb(t) AS j FROM coordination.milestones t WHERE engagement_id = $1 ORDER BY planned_at, milestone_id`, [engagementId]);
    const plan = milestones.map((m) => this.milestoneColumns.fromJson(m.j as Record<string, unknown>));
    // The engagement stream's version: its own events and its milestones' are in separate rows.
    const versions = [engagement.version, ...plan.map((m) => m.version)];
    const texts = await this.texts.engagement(engagementId, engagement.requestId, engagement.offerId, reader);
    return {
      ...publicEngagement(engagement),
      texts,
      version: versions.includes(null) ? null : Math.max(...(versions as number[])),
      asAt: asAt.toISOString(),
      milestones: plan.map((row) => ({ ...publicMilestone(row), overdue: isOverdue(row, engagement.status, asAt) })),
    };
  }
}

export function publicRequest(r: RequestRow) {
  const { position: _position, institutionKey: _key, ...rest } = r;
  return rest;
}
export function publicOffer(o: OfferRow) {
  const { position: _position, ...rest } = o;
  return { ...rest, capacity: Number(o.capacity), committed: Number(o.committed), remaining: Number(o.remaining) };
}
export function publicEngagement(e: EngagementRow) {
  const { position: _position, ...rest } = e;
  return { ...rest, amount: Number(e.amount) };
}
export function publicMilestone(m: MilestoneRow) {
  const { position: _position, milestoneKey: _key, ...rest } = m;
  return rest;
}

import { READ_ACCESS_POLICY } from '@ta/case';
import type { Actor } from '@ta/platform';
import type { EngagementRow } from '../read-models/engagements/engagements.entity';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { codeList, type Param } from '../sql';

/**
 * Who asks a query: the actor the auth guard verified (`@CurrentActor()`), only the fields the
 * rule needs.
 */
export type Viewer = { readonly role: Actor['role'] | 'anonymous' } & Partial<Pick<Actor, 'country' | 'organisation'>>;

/** Someone who has not signed in (the public view): sees no restricted request. */
export const ANONYMOUS: Viewer = { role: 'anonymous' };

/**
 * The statuses in which an engagement makes its provider "engaged on" the request: proposed by
 * the Secretariat (the provider is asked to accept, it must see what it accepts), agreed, active
 * completed or acknowledged. A declined or cancelled engagement does not: the restriction applies again.
 * Taken from the case context's access policy, the one place the rule is written (commands and
 * the contact-person read apply it there).
 */
export const ENGAGED_STATUSES = READ_ACCESS_POLICY.RestrictedRequest.engagedProvider;

/**
 * THE rule: a request marked restricted is visible only to
 * - the Secretariat;
 * - its State: a `state` actor whose `country` is the request's country;
 * - the providers engaged on it: a `donor` or `authority` actor whose `organisation` is the
 *   `providerId` of an engagement for that request in one of `ENGAGED_STATUSES` (the engagement's
 *   provider is its offer's provider).
 * Anyone else (another State, another provider, `system`, an actor without country or
 * organisation) does not see it, nor anything that names it: its engagements, their milestones,
 * its history, and it is left out of every count and sum. Unrestricted requests are visible to all.
 *
 * Below: the same rule as SQL (live queries) and in memory ("as of").
 */
export type Access = { readonly kind: 'all' } | { readonly kind: 'country'; readonly country: string } | { readonly kind: 'provider'; readonly providerId: string } | { readonly kind: 'public' };

export function accessOf(viewer: Viewer): Access {
  if (viewer.role === 'secretariat') return { kind: 'all' };
  if (viewer.role === 'state' && viewer.country) return { kind: 'country', country: viewer.country };
  if ((viewer.role === 'donor' || viewer.role === 'authority') && viewer.organisation) return { kind: 'provider', providerId: viewer.organisation };
  return { kind: 'public' };
}

const ENGAGED_SQL = codeList(ENGAGED_STATUSES);

/** SQL: the restricted request row `r` is one the viewer may see (only meaningful when `r.restricted`). */
function allowedSql(access: Access, r: string, p: Param): string {
  switch (access.kind) {
    case 'all':
      return 'true';
    case 'country':
      return `${r}.country = ${p(access.country)}`;
    case 'provider':
      return `EXISTS (SELECT 1 FROM coordination.engagements ve WHERE ve.request_id = ${r}.request_id AND ve.provider_id = ${p(access.providerId)} AND ve.status IN (${ENGAGED_SQL}))`;
    case 'public':
      return 'false';
    default:
      return assertUnreachable(access);
  }
}

/** SQL predicate on a `coordination.requests` row aliased `r`; null when the viewer sees every request. */
export function requestVisibleSql(viewer: Viewer, r: string, p: Param): string | null {
  const access = accessOf(viewer);
  if (access.kind === 'all') return null;
  if (access.kind === 'public') return `NOT ${r}.restricted`;
  return `(NOT ${r}.restricted OR ${allowedSql(access, r, p)})`;
}

/**
 * SQL predicate on a row that names a request by id (`requestId`, an SQL expression: an
 * engagement's, a milestone's, a history row's `request_id`): false when that request is
 * restricted and hidden from the viewer. Null when the viewer sees every request.
 */
export function requestIdVisibleSql(viewer: Viewer, requestId: string, p: Param): string | null {
  const access = accessOf(viewer);
  if (access.kind === 'all') return null;
  return `NOT EXISTS (SELECT 1 FROM coordination.requests vr WHERE vr.request_id = ${requestId} AND vr.restricted AND NOT (${allowedSql(access, 'vr', p)}))`;
}

/**
 * In memory ("as of"): which request ids are hidden from the viewer, given the requests and
 * engagements at that date.
 */
export function hiddenRequestIds(viewer: Viewer, requests: Iterable<RequestRow>, engagements: Iterable<EngagementRow>): Set<string> {
  const access = accessOf(viewer);
  const hidden = new Set<string>();
  if (access.kind === 'all') return hidden;
  let engaged: Set<string> | null = null;
  if (access.kind === 'provider') {
    engaged = new Set();
    for (const e of engagements) {
      if (e.providerId === access.providerId && (ENGAGED_STATUSES as readonly string[]).includes(e.status)) engaged.add(e.requestId);
    }
  }
  for (const r of requests) {
    if (!r.restricted) continue;
    const allowed = access.kind === 'country' ? r.country === access.country : access.kind === 'provider' ? engaged!.has(r.requestId) : false;
    if (!allowed) hidden.add(r.requestId);
  }
  return hidden;
}

function assertUnreachable(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

// What awaits the signed-in actor's action, worked out from what the API lists to it: a pure
// function of the lists (no fetching, no formatting), so the page and its spec share it.
import type { EngagementMilestone, EngagementView, LessonInvitation, LocalizedText, MilestoneAlert, OfferView, PracticeView, RequestView } from './api-types';

/** A kind of step awaiting an actor, in the order the queue shows them. */
export const TASK_KINDS = [
  'triage',
  'clarify',
  'accept',
  'confirm',
  'acknowledge',
  'resolveDispute',
  'answerDispute',
  'plan',
  'report',
  'complete',
  'match',
  'followUp',
  'offerExpiring',
  'recordLesson',
  'reviewLesson',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Kinds whose `since` is a deadline (a milestone's due date, an offer's last day) rather than the start of the wait. */
export const DEADLINE_KINDS: readonly TaskKind[] = ['report', 'offerExpiring'];

export type WorkRole = 'state' | 'secretariat' | 'donor' | 'authority';

/** One step awaiting the actor: where to take it, the case's title, the other party, since when (a deadline for `DEADLINE_KINDS`). */
export interface Task {
  readonly key: string;
  readonly kind: TaskKind;
  /** The app route where the step is taken (the case, engagement or offer page). */
  readonly href: string;
  /** The case's title (the request's; an offer's own for an offer about to expire). */
  readonly title: LocalizedText | null;
  /** A milestone's title, where the step is about a milestone. */
  readonly milestone: LocalizedText | null;
  /** The other party: the requesting State (a country code) or the provider (a directory id). */
  readonly party: { readonly kind: 'country' | 'provider'; readonly id: string } | null;
  /** Since when the step has awaited (a timestamp or a calendar date), oldest first in each kind. */
  readonly since: string;
}

export interface WorkInput {
  /** The requests the actor may see (for titles, and the ones awaiting it). */
  readonly requests: readonly RequestView[];
  readonly engagements: readonly EngagementView[];
  /** Milestones of the actor's live engagements (the State confirms the reported ones, the provider reports the others). */
  readonly milestones: readonly EngagementMilestone[];
  /** The engagements whose milestones are all in `milestones` (their details were read). */
  readonly detailed: readonly string[];
  /** Disputed milestones the actor may see. */
  readonly disputed: readonly MilestoneAlert[];
  /** Overdue milestones the actor may see. */
  readonly overdue: readonly MilestoneAlert[];
  /** The provider's own offers. */
  readonly offers: readonly OfferView[];
  /** The delivered engagements awaiting the actor's lesson (neither recorded nor dismissed). */
  readonly lessons?: readonly LessonInvitation[];
  /** The Secretariat's lessons recorded and not yet published. */
  readonly lessonsToReview?: readonly PracticeView[];
}

/** An offer whose window ends within this many days is "about to expire". */
export const EXPIRY_WARNING_DAYS = 30;

const DAY = 86_400_000;
const dayOf = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);

/** Whole days from `since` to `now` (0 for the future). */
export function ageInDays(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dayOf(since)) / DAY));
}

/**
 * The steps awaiting an actor of `role` (the State: its own country's; a provider: its own),
 * grouped by kind in TASK_KINDS order, oldest first within a kind. The API has already
 * narrowed the lists to what the actor may see; this only picks what awaits the actor.
 */
export function tasksFor(role: WorkRole, input: WorkInput, now: Date): Task[] {
  const titleOf = new Map(input.requests.map((r) => [r.requestId, r.title] as const));
  const engagementOf = new Map(input.engagements.map((e) => [e.engagementId, e] as const));
  const tasks: Task[] = [];
  const request = (kind: TaskKind, r: RequestView, since: string, party: Task['party']) =>
    tasks.push({ key: `${kind}:${r.requestId}`, kind, href: `/requests/${r.requestId}`, title: r.title, milestone: null, party, since });
  const engagement = (kind: TaskKind, e: EngagementView, since: string, party: Task['party'], milestone?: { id: string; title: LocalizedText }) =>
    tasks.push({
      key: `${kind}:${e.engagementId}${milestone ? `:${milestone.id}` : ''}`,
      kind,
      href: `/engagements/${e.engagementId}`,
      title: titleOf.get(e.requestId) ?? null,
      milestone: milestone?.title ?? null,
      party,
      since,
    });
  const alert = (kind: TaskKind, m: MilestoneAlert, since: string, party: Task['party']) =>
    tasks.push({
      key: `${kind}:${m.engagementId}:${m.milestoneId}`,
      kind,
      href: `/engagements/${m.engagementId}`,
      title: titleOf.get(m.requestId) ?? null,
      milestone: m.title,
      party,
      since,
    });
  const provider = (id: string) => ({ kind: 'provider' as const, id });
  const country = (code: string) => ({ kind: 'country' as const, id: code });

  if (role === 'secretariat') {
    for (const r of input.requests) {
      if (r.status === 'submitted') request('triage', r, r.statusSince, country(r.country));
      if (r.status === 'open_for_offers' && r.liveEngagements === 0) request('match', r, r.statusSince, country(r.country));
    }
    for (const m of input.disputed) alert('resolveDispute', m, m.disputedAt ?? m.updatedAt, provider(m.providerId));
    for (const p of input.lessonsToReview ?? []) {
      const party = p.contributor.organisation ? provider(p.contributor.organisation) : p.contributor.country ? country(p.contributor.country) : null;
      tasks.push({ key: `reviewLesson:${p.id}`, kind: 'reviewLesson', href: `/practices/${p.id}`, title: p.title, milestone: null, party, since: p.submittedAt });
    }
  }

  if (role === 'state') {
    for (const r of input.requests) {
      if (r.status === 'returned_for_clarification') request('clarify', r, r.statusSince, null);
      if (r.status === 'delivered') request('followUp', r, r.statusSince, null);
    }
    for (const e of input.engagements) {
      if (e.status === 'proposed' && !e.acceptedBy.includes('state')) engagement('accept', e, e.proposedAt, provider(e.providerId));
      if (e.status === 'completed') engagement('acknowledge', e, e.completedAt ?? e.statusSince, provider(e.providerId));
    }
    for (const m of input.milestones) {
      const e = engagementOf.get(m.engagementId);
      if (m.status === 'reported' && e) engagement('confirm', e, m.reportedAt ?? m.updatedAt, provider(e.providerId), { id: m.milestoneId, title: m.title });
    }
  }

  if (role === 'donor' || role === 'authority') {
    for (const e of input.engagements) {
      if (e.status === 'proposed' && !e.acceptedBy.includes('provider')) engagement('accept', e, e.proposedAt, country(e.country));
    }
    for (const m of input.disputed) alert('answerDispute', m, m.disputedAt ?? m.updatedAt, country(m.country));
    const detailed = new Set(input.detailed);
    for (const e of input.engagements) {
      if (e.status !== 'active' || !detailed.has(e.engagementId)) continue;
      const its = input.milestones.filter((m) => m.engagementId === e.engagementId);
      if (its.length === 0) engagement('plan', e, e.activatedAt ?? e.statusSince, country(e.country));
      else if (its.every((m) => m.status === 'confirmed')) engagement('complete', e, its.map((m) => m.confirmedAt ?? m.updatedAt).sort().at(-1)!, country(e.country));
    }
    // Not yet reported (a reported milestone awaits the State, not the provider), by due date.
    const unreported = (s: string) => s === 'scheduled' || s === 'rescheduled';
    const reported = new Set<string>();
    for (const m of input.milestones) {
      const e = engagementOf.get(m.engagementId);
      if (e && e.status === 'active' && unreported(m.status)) {
        reported.add(m.milestoneId);
        engagement('report', e, m.dueDate, country(e.country), { id: m.milestoneId, title: m.title });
      }
    }
    for (const m of input.overdue) if (unreported(m.status) && !reported.has(m.milestoneId)) alert('report', m, m.dueDate, country(m.country));
    for (const o of input.offers) {
      const left = dayOf(o.availableTo) - now.getTime();
      if (o.status === 'open' && left >= -DAY && left <= EXPIRY_WARNING_DAYS * DAY)
        tasks.push({ key: `offerExpiring:${o.offerId}`, kind: 'offerExpiring', href: `/offers/${o.offerId}`, title: o.title, milestone: null, party: null, since: o.availableTo });
    }
  }

  // Record what worked and what did not: the State's and the provider's, on the engagement's page (record or dismiss).
  if (role !== 'secretariat') {
    for (const i of input.lessons ?? []) {
      tasks.push({
        key: `recordLesson:${i.engagementId}`,
        kind: 'recordLesson',
        href: `/engagements/${i.engagementId}`,
        title: titleOf.get(i.requestId) ?? null,
        milestone: null,
        party: i.party === 'state' ? provider(i.providerId) : country(i.country),
        since: i.deliveredAt,
      });
    }
  }

  const order = (k: TaskKind) => TASK_KINDS.indexOf(k);
  return tasks.sort((a, b) => order(a.kind) - order(b.kind) || dayOf(a.since) - dayOf(b.since) || a.key.localeCompare(b.key));
}

/** How many steps of each kind, for the counters (kinds with none left out). */
export function countsOf(tasks: readonly Task[]): Array<{ kind: TaskKind; count: number }> {
  return TASK_KINDS.map((kind) => ({ kind, count: tasks.filter((x) => x.kind === kind).length })).filter((c) => c.count > 0);
}

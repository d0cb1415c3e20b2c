// The lists "My work" is picked from (tasksFor, work-queue.ts), read once for the page and the
// header's counter: both ask `myWork()`, which reuses the answer until an event arrives
// (`liveVersion`) or the user sends a command (`lastWritten`).
import { get, lastWritten } from './api';
import type { EngagementDetail, EngagementMilestone, EngagementPage, EngagementView, LessonsAwaiting, Milestones, OfferPage, RequestPage, RequestView } from './api-types';
import { liveVersion } from './live';
import { tasksFor, type Task, type WorkInput, type WorkRole } from './work-queue';

/** Details fetched at most for this many live engagements (the State's milestones to confirm). */
const DETAILS = 25;

const settled = async <T,>(all: Promise<T>[]): Promise<T[]> =>
  (await Promise.allSettled(all)).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

/** The milestones of the first DETAILS active engagements, and which engagements they are from. */
async function liveMilestones(engagements: readonly EngagementView[]): Promise<{ milestones: EngagementMilestone[]; detailed: string[] }> {
  const live = engagements.filter((e) => e.status === 'active').slice(0, DETAILS);
  const details = await settled(live.map((e) => get<EngagementDetail>(`/engagements/${e.engagementId}`)));
  return { milestones: details.flatMap((d) => d.milestones), detailed: details.map((d) => d.engagementId) };
}

/** The lessons awaiting the actor (the library's; an answer it could not give leaves the rest of the queue). */
const lessonsAwaiting = (): Promise<LessonsAwaiting> => get<LessonsAwaiting>('/practices/lessons/awaiting').catch(() => ({ invitations: [], toReview: [] }));

export interface WorkLists {
  readonly input: WorkInput;
  /** The Secretariat's requests to triage; the State's own requests. */
  readonly requestsA: RequestView[] | null;
  /** The Secretariat's requests open for offers. */
  readonly requestsB: RequestView[] | null;
  readonly engagements: EngagementView[];
}

/** The lists "My work" is picked from, each role asking only what the API shows it. */
export async function loadWork(role: WorkRole, country: string | undefined, provider: string): Promise<WorkLists> {
  const empty = { items: [] } as unknown as Milestones;
  if (role === 'secretariat') {
    const [toTriage, open, engagements, disputed, lessons] = await Promise.all([
      get<RequestPage>('/requests', { status: 'submitted', limit: 100 }),
      get<RequestPage>('/requests', { status: 'open_for_offers', limit: 100 }),
      get<EngagementPage>('/engagements', { limit: 100 }),
      get<Milestones>('/coordination/milestones/disputed', { limit: 100 }),
      lessonsAwaiting(),
    ]);
    const requests = [...toTriage.items, ...open.items];
    const known = new Set(requests.map((r) => r.requestId));
    const more = await settled([...new Set(disputed.items.map((m) => m.requestId))].filter((id) => !known.has(id)).slice(0, DETAILS).map((id) => get<RequestView>(`/requests/${id}`)));
    return {
      input: { requests: [...requests, ...more], engagements: engagements.items, milestones: [], detailed: [], disputed: disputed.items, overdue: [], offers: [], lessonsToReview: lessons.toReview },
      requestsA: toTriage.items,
      requestsB: open.items,
      engagements: engagements.items,
    };
  }
  if (role === 'state') {
    const [mine, engagements, lessons] = await Promise.all([get<RequestPage>('/requests', { country, limit: 100 }), get<EngagementPage>('/engagements', { country, limit: 100 }), lessonsAwaiting()]);
    const { milestones, detailed } = await liveMilestones(engagements.items);
    return {
      input: { requests: mine.items, engagements: engagements.items, milestones, detailed, disputed: [], overdue: [], offers: [], lessons: lessons.invitations },
      requestsA: mine.items,
      requestsB: null,
      engagements: engagements.items,
    };
  }
  const [engagements, disputed, overdue, offers, lessons] = await Promise.all([
    get<EngagementPage>('/engagements', { donor: provider, limit: 100 }),
    get<Milestones>('/coordination/milestones/disputed', { donor: provider, limit: 100 }).catch(() => empty),
    get<Milestones>('/coordination/milestones/overdue', { donor: provider, limit: 100 }).catch(() => empty),
    get<OfferPage>('/offers', { donor: provider, status: 'open', limit: 100 }),
    lessonsAwaiting(),
  ]);
  const ids = new Set([...engagements.items.map((e) => e.requestId), ...lessons.invitations.map((i) => i.requestId), ...disputed.items.map((m) => m.requestId), ...overdue.items.map((m) => m.requestId)]);
  const [requests, { milestones, detailed }] = await Promise.all([settled([...ids].slice(0, DETAILS * 2).map((id) => get<RequestView>(`/requests/${id}`))), liveMilestones(engagements.items)]);
  return {
    input: { requests, engagements: engagements.items, milestones, detailed, disputed: disputed.items, overdue: overdue.items, offers: offers.items, lessons: lessons.invitations },
    requestsA: null,
    requestsB: null,
    engagements: engagements.items,
  };
}

let cached: { key: string; lists: Promise<WorkLists> } | null = null;

/**
 * The actor's work lists, shared by the page and the header's counter: read again only when an
 * event has arrived or a command was sent since (a failed read is not kept).
 */
export function myWork(role: WorkRole, country: string | undefined, provider: string): Promise<WorkLists> {
  const key = [role, country ?? '', provider, liveVersion.get(), lastWritten()].join('|');
  if (cached?.key !== key) {
    const lists = loadWork(role, country, provider);
    cached = { key, lists };
    lists.catch(() => {
      if (cached?.lists === lists) cached = null;
    });
  }
  return cached.lists;
}

/** The steps awaiting the actor now, from its (shared) work lists. */
export async function myTasks(role: WorkRole, country: string | undefined, provider: string, now = new Date()): Promise<Task[]> {
  return tasksFor(role, (await myWork(role, country, provider)).input, now);
}

import type { EngagementMilestone, EngagementView, MilestoneAlert, OfferView, RequestView } from '../../apps/web/src/lib/api-types';
import { ageInDays, countsOf, tasksFor, type WorkInput } from '../../apps/web/src/lib/work-queue';

/** The web app's "My work": what awaits each role, picked from what the API lists to it. */
const NOW = new Date('2026-12-07T12:00:00Z');

const request = (id: string, status: RequestView['status'], over: Partial<RequestView> = {}): RequestView =>
  ({ requestId: id, country: 'KE', title: { en: `Request ${id}` }, status, statusSince: '2026-12-01T09:00:00Z', liveEngagements: 0, ...over }) as RequestView;
const engagement = (id: string, status: EngagementView['status'], over: Partial<EngagementView> = {}): EngagementView =>
  ({ engagementId: id, requestId: 'r1', offerId: 'o1', providerId: 'donor-giz', country: 'KE', status, acceptedBy: [], proposedAt: '2026-12-02T09:00:00Z', completedAt: null, statusSince: '2026-12-02T09:00:00Z', ...over }) as EngagementView;
const milestone = (id: string, status: EngagementMilestone['status'], over: Partial<EngagementMilestone> = {}): EngagementMilestone =>
  ({ engagementId: 'e1', milestoneId: id, requestId: 'r1', title: { en: `Milestone ${id}` }, status, dueDate: '2026-12-01', reportedAt: '2026-12-03T10:00:00Z', updatedAt: '2026-12-03T10:00:00Z', ...over }) as EngagementMilestone;
const alert = (id: string, status: MilestoneAlert['status'], over: Partial<MilestoneAlert> = {}): MilestoneAlert =>
  ({ ...milestone(id, status), country: 'KE', providerId: 'donor-giz', daysOverdue: 6, disputedAt: '2026-12-04T10:00:00Z', ...over }) as MilestoneAlert;
const offer = (id: string, availableTo: string, status: OfferView['status'] = 'open'): OfferView =>
  ({ offerId: id, providerId: 'donor-giz', title: { en: `Offer ${id}` }, status, availableTo }) as OfferView;
const none: WorkInput = { requests: [], engagements: [], milestones: [], detailed: [], disputed: [], overdue: [], offers: [] };

describe('My work', () => {
  it('tells the Secretariat what to triage, what to match (only requests with no live engagement) and which disputes to resolve, with the case title and the other party', () => {
    const input: WorkInput = {
      ...none,
      requests: [
        request('r1', 'open_for_offers'),
        request('r2', 'submitted', { statusSince: '2026-12-05T00:00:00Z', country: 'UG' }),
        request('r3', 'submitted', { statusSince: '2026-11-20T00:00:00Z' }),
        request('r4', 'open_for_offers', { liveEngagements: 1 }),
        request('r5', 'closed'),
      ],
      disputed: [alert('m1', 'disputed')],
    };
    const tasks = tasksFor('secretariat', input, NOW);
    expect(tasks.map((x) => x.key)).toEqual(['triage:r3', 'triage:r2', 'resolveDispute:e1:m1', 'match:r1']);
    expect(tasks[1]).toMatchObject({ href: '/requests/r2', title: { en: 'Request r2' }, party: { kind: 'country', id: 'UG' } });
    expect(tasks[2]).toMatchObject({ href: '/engagements/e1', title: { en: 'Request r1' }, milestone: { en: 'Milestone m1' }, party: { kind: 'provider', id: 'donor-giz' } });
    expect(countsOf(tasks)).toEqual([
      { kind: 'triage', count: 2 },
      { kind: 'resolveDispute', count: 1 },
      { kind: 'match', count: 1 },
    ]);
  });

  it('tells the State what to clarify, accept, confirm, acknowledge and follow up, naming the provider', () => {
    const input: WorkInput = {
      ...none,
      requests: [request('r1', 'in_delivery'), request('r2', 'returned_for_clarification'), request('r3', 'delivered')],
      engagements: [
        engagement('e1', 'active'),
        engagement('e2', 'proposed', { acceptedBy: ['provider'] }),
        engagement('e3', 'proposed', { acceptedBy: ['state'] }),
        engagement('e4', 'completed', { completedAt: '2026-12-06T00:00:00Z' }),
      ],
      milestones: [milestone('m1', 'reported'), milestone('m2', 'scheduled'), milestone('m3', 'confirmed')],
    };
    const tasks = tasksFor('state', input, NOW);
    expect(tasks.map((x) => x.key)).toEqual(['clarify:r2', 'accept:e2', 'confirm:e1:m1', 'acknowledge:e4', 'followUp:r3']);
    expect(tasks.find((x) => x.kind === 'confirm')).toMatchObject({ title: { en: 'Request r1' }, milestone: { en: 'Milestone m1' }, party: { kind: 'provider', id: 'donor-giz' }, since: '2026-12-03T10:00:00Z' });
  });

  it('tells a provider what to accept, which disputes to answer, where to plan, what to report (not what it reported and the State has not confirmed) and which offers are about to expire', () => {
    const input: WorkInput = {
      ...none,
      requests: [request('r1', 'matched')],
      engagements: [
        engagement('e1', 'proposed', { acceptedBy: ['state'] }),
        engagement('e2', 'proposed', { acceptedBy: ['provider'] }),
        engagement('e5', 'active'),
        engagement('e6', 'active'),
        engagement('e7', 'active'),
        engagement('e8', 'active'),
      ],
      // e5 has no milestone yet; e6 one to report (due later) and one reported; e7 was not read in detail; e8's are all confirmed.
      detailed: ['e5', 'e6', 'e8'],
      milestones: [
        milestone('m5', 'scheduled', { engagementId: 'e6', dueDate: '2027-01-15' }),
        milestone('m6', 'reported', { engagementId: 'e6' }),
        milestone('m7', 'confirmed', { engagementId: 'e8', confirmedAt: '2026-12-05T08:00:00Z' }),
        milestone('m8', 'confirmed', { engagementId: 'e8', confirmedAt: '2026-12-06T08:00:00Z' }),
      ],
      disputed: [alert('m1', 'disputed')],
      overdue: [alert('m2', 'scheduled'), alert('m3', 'reported'), alert('m4', 'rescheduled', { dueDate: '2026-11-01' })],
      offers: [offer('o1', '2026-12-20'), offer('o2', '2027-06-30'), offer('o3', '2026-12-10', 'withdrawn'), offer('o4', '2026-12-07')],
    };
    const tasks = tasksFor('donor', input, NOW);
    expect(tasks.map((x) => x.key)).toEqual(['accept:e1', 'answerDispute:e1:m1', 'plan:e5', 'report:e1:m4', 'report:e1:m2', 'report:e6:m5', 'complete:e8', 'offerExpiring:o4', 'offerExpiring:o1']);
    expect(tasks.find((x) => x.kind === 'complete')?.since).toBe('2026-12-06T08:00:00Z');
    expect(tasks[0]).toMatchObject({ title: { en: 'Request r1' }, party: { kind: 'country', id: 'KE' } });
    expect(tasks[7]).toMatchObject({ href: '/offers/o4', title: { en: 'Offer o4' } });
  });

  it('gives nobody a step that belongs to another role', () => {
    const input: WorkInput = { ...none, requests: [request('r1', 'submitted'), request('r2', 'returned_for_clarification')], engagements: [engagement('e1', 'completed')] };
    expect(tasksFor('donor', input, NOW)).toEqual([]);
    expect(tasksFor('secretariat', input, NOW).map((x) => x.kind)).toEqual(['triage']);
    expect(tasksFor('state', input, NOW).map((x) => x.kind)).toEqual(['clarify', 'acknowledge']);
  });

  it('counts the age in whole days, a calendar date from its midnight in UTC', () => {
    expect(ageInDays('2026-12-01', NOW)).toBe(6);
    expect(ageInDays('2026-12-06T13:00:00Z', NOW)).toBe(0);
    expect(ageInDays('2026-12-09', NOW)).toBe(0);
  });
});

describe('My work: lessons from delivered assistance', () => {
  const invitation = { engagementId: 'e9', requestId: 'r1', providerId: 'donor-giz', country: 'KE', deliveredAt: '2026-12-03T10:00:00Z' };
  it('invites the State and the provider of a delivered engagement to record a lesson, each naming the other party', () => {
    const input: WorkInput = { ...none, requests: [request('r1', 'delivered')], lessons: [{ ...invitation, party: 'state' }] };
    const state = tasksFor('state', input, NOW).filter((x) => x.kind === 'recordLesson');
    expect(state).toEqual([{ key: 'recordLesson:e9', kind: 'recordLesson', href: '/engagements/e9', title: { en: 'Request r1' }, milestone: null, party: { kind: 'provider', id: 'donor-giz' }, since: '2026-12-03T10:00:00Z' }]);
    const donor = tasksFor('donor', { ...input, lessons: [{ ...invitation, party: 'provider' }] }, NOW);
    expect(donor.find((x) => x.kind === 'recordLesson')).toMatchObject({ party: { kind: 'country', id: 'KE' } });
    expect(tasksFor('state', none, NOW).filter((x) => x.kind === 'recordLesson')).toEqual([]);
  });

  it('gives the Secretariat the recorded lessons to review, after its other steps', () => {
    const lesson = { id: 'p1', title: { en: 'Risk-based verification' }, contributor: { organisation: 'donor-giz', country: null }, submittedAt: '2026-12-04T10:00:00Z' } as unknown as NonNullable<WorkInput['lessonsToReview']>[number];
    const tasks = tasksFor('secretariat', { ...none, requests: [request('r2', 'submitted')], lessonsToReview: [lesson] }, NOW);
    expect(tasks.map((x) => x.key)).toEqual(['triage:r2', 'reviewLesson:p1']);
    expect(tasks[1]).toMatchObject({ href: '/practices/p1', title: { en: 'Risk-based verification' }, party: { kind: 'provider', id: 'donor-giz' } });
  });
});

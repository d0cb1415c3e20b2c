import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, streamEvents, type ActorName } from '../support/case-api';
import { createCaseFixture, type CaseFixture } from '../support/case-fixture';

/**
 * Lessons from delivered assistance (issue 22, item 2) through HTTP against real PostgreSQL:
 * when an engagement completes, its provider and the recipient State each find a step "record
 * what worked and what did not" (`GET /practices/lessons/awaiting`, which the web app's work
 * queue and header counter read) until they record a lesson naming it or dismiss the step; the
 * Secretariat finds the recorded, unpublished lessons to review.
 */

let t: TestApp;
let fx: CaseFixture;
let position = 0;
beforeAll(async () => {
  t = await startTestApp();
  fx = await createCaseFixture(t.server);
  position = fx.lastPosition;
}, 60_000);
afterAll(() => t?.close());

/** A command, expecting `status`; its position is kept for the reads that follow. */
const post = async (who: ActorName, path: string, status: number, body: object = {}) => {
  const res = await request(t.server).post(path).set(ACTORS[who]).send(body);
  if (res.status !== status) throw new Error(`POST ${path} as ${who}: ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
  if (res.body.globalPosition) position = Math.max(position, Number(res.body.globalPosition));
  return res;
};
/** What awaits the actor, once the library has read every command sent so far. */
const awaiting = async (who: ActorName) => (await request(t.server).get(`/practices/lessons/awaiting?minPosition=${position}`).set(ACTORS[who]).expect(200)).body as {
  invitations: Array<{ engagementId: string; requestId: string; party: string; providerId: string; country: string }>;
  toReview: Array<{ id: string; status: string }>;
};
const invitedTo = async (who: ActorName) => (await awaiting(who)).invitations.map((i) => i.engagementId);

const lesson = () => ({
  kind: 'lesson_learned',
  title: { en: 'Verify the highest-risk asset declarations first' },
  summary: { en: 'A risk-based selection let the commission verify 400 declarations in six months.' },
  articles: ['art-8'],
  themes: ['public-administration-integrity'],
  countries: ['KE'],
  engagementIds: [fx.engagementId],
});

describe('lessons from delivered assistance in the work queue', () => {
  it('nothing awaits before the engagement is delivered, and there is nothing to dismiss', async () => {
    expect(await invitedTo('donor')).not.toContain(fx.engagementId);
    expect(await invitedTo('state')).not.toContain(fx.engagementId);
    const early = await post('donor', `/practices/lessons/${fx.engagementId}/dismiss`, 409);
    expect(early.body.code).toBe('practice.engagement_not_delivered');
  });

  it('once completed, the provider and the recipient State are invited, and no one else', async () => {
    await post('state', `/engagements/${fx.engagementId}/milestones/${fx.milestoneId}/confirm`, 200);
    await post('donor', `/engagements/${fx.engagementId}/complete`, 200);
    const donor = await awaiting('donor');
    expect(donor.invitations).toContainEqual(expect.objectContaining({ engagementId: fx.engagementId, requestId: fx.requestId, party: 'provider', providerId: 'donor-giz', country: 'KE' }));
    expect((await awaiting('state')).invitations).toContainEqual(expect.objectContaining({ engagementId: fx.engagementId, party: 'state' }));
    expect(await invitedTo('otherDonor')).not.toContain(fx.engagementId);
    expect(await invitedTo('otherState')).not.toContain(fx.engagementId);
    expect((await awaiting('secretariat')).invitations).toEqual([]);
    // Dismissing is for the parties: another provider does not learn the engagement exists, the Secretariat is no party.
    expect((await post('otherDonor', `/practices/lessons/${fx.engagementId}/dismiss`, 404)).body.code).toBe('practice.engagement_not_found');
    expect((await post('otherState', `/practices/lessons/${fx.engagementId}/dismiss`, 404)).body.code).toBe('practice.engagement_not_found');
    expect((await post('secretariat', `/practices/lessons/${fx.engagementId}/dismiss`, 403)).body.code).toBe('access.role_not_allowed');
  });

  it('the provider records a lesson: its step is done, the State’s still awaits, and the Secretariat has it to review', async () => {
    const recorded = await post('donor', '/practices', 201, lesson());
    expect(await invitedTo('donor')).not.toContain(fx.engagementId);
    expect(await invitedTo('state')).toContain(fx.engagementId);
    const review = await awaiting('secretariat');
    expect(review.toReview).toContainEqual(expect.objectContaining({ id: recorded.body.id, status: 'submitted' }));
    // Published, it is no longer to review.
    await post('secretariat', `/practices/${recorded.body.id}/publish`, 200);
    expect((await awaiting('secretariat')).toReview.map((p) => p.id)).not.toContain(recorded.body.id);
  });

  it('the State dismisses the step: an event of its own stream, and dismissing again changes nothing', async () => {
    const dismissed = await post('state', `/practices/lessons/${fx.engagementId}/dismiss`, 200);
    expect(dismissed.body).toMatchObject({ id: fx.engagementId, events: ['LessonInvitationDismissed'] });
    expect(await invitedTo('state')).not.toContain(fx.engagementId);
    const again = await post('state', `/practices/lessons/${fx.engagementId}/dismiss`, 200);
    expect(again.body.events).toEqual([]);
    const events = await streamEvents(t.db.pool, `lesson-invitation-${fx.engagementId}`);
    expect(events.map((e) => [e.type, e.data.party])).toEqual([['LessonInvitationDismissed', 'state']]);
  });

  it('a lesson withdrawn invites its party again', async () => {
    const other = await createCaseFixture(t.server);
    position = Math.max(position, other.lastPosition);
    await post('state', `/engagements/${other.engagementId}/milestones/${other.milestoneId}/confirm`, 200);
    await post('donor', `/engagements/${other.engagementId}/complete`, 200);
    const recorded = await post('state', '/practices', 201, { ...lesson(), engagementIds: [other.engagementId] });
    expect(await invitedTo('state')).not.toContain(other.engagementId);
    await post('state', `/practices/${recorded.body.id}/withdraw`, 200, { reason: 'Recorded twice by mistake' });
    expect(await invitedTo('state')).toContain(other.engagementId);
  }, 60_000);
});

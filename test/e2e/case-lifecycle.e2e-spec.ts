import { startTestApp, type TestApp } from '../support/app';
import { api, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp();
  http = api(t.server);
});
afterAll(() => t.close());

const types = async (stream: string) => (await streamEvents(t.db.pool, stream)).map((e) => e.type);

describe('a whole case lifecycle through HTTP', () => {
  it('goes from submission to follow-up and closure, recording who did what in which role', async () => {
    const submitted = await http.post('state', '/requests', requestBody()).expect(201);
    const requestId: string = submitted.body.id;
    expect(submitted.headers.location).toBe(`/requests/${requestId}`);
    expect(submitted.headers.etag).toBe('"1"');
    expect(submitted.body).toMatchObject({ version: 1, events: ['RequestSubmitted'], replayed: false });
    expect(submitted.body.globalPosition).toBeGreaterThan(0);

    await http.post('secretariat', `/requests/${requestId}/return-for-clarification`, { question: { en: 'Which agencies are in scope?' } }).expect(200);
    await http.post('state', `/requests/${requestId}/clarification`, { answer: { en: 'The EACC and the Public Service Commission.' } }).expect(200);
    const triaged = await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
    expect(triaged.body.version).toBe(4);

    const offer = await http.post('donor', '/offers', offerBody()).expect(201);
    const offerId: string = offer.body.id;

    const proposed = await http
      .post('secretariat', '/engagements', { requestId, offerId, amount: '40000.00', score: 0.86, reasons: ['article 8 in both', 'KE eligible', 'English'] })
      .expect(201);
    const engagementId: string = proposed.body.id;

    // either order: the provider first, then the State
    await http.post('donor', `/engagements/${engagementId}/accept`).expect(200);
    const agreed = await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
    expect(agreed.body.events).toEqual(['EngagementAccepted', 'EngagementAgreed']);

    // the engagement flow commits the capacity, activates the engagement, marks the request matched
    await eventually(() => types(`engagement-${engagementId}`), (ts) => ts.includes('EngagementActivated'));
    await eventually(() => types(`request-${requestId}`), (ts) => ts.includes('RequestMatched'));
    const offerEvents = await streamEvents(t.db.pool, `offer-${offerId}`);
    expect(offerEvents.map((e) => e.type)).toEqual(['OfferRegistered', 'CapacityCommitted']);
    expect(offerEvents[1]!.data).toMatchObject({ engagementId, amount: 4_000_000 });

    const planned = await http.post('donor', `/engagements/${engagementId}/milestones`, { title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' }).expect(201);
    const milestoneId: string = planned.body.milestoneId;
    await eventually(() => types(`request-${requestId}`), (ts) => ts.includes('RequestDeliveryStarted'));
    await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/reschedule`, { dueDate: '2027-04-30', reason: 'Expert unavailable in March' }).expect(200);
    await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/dispute`, { reason: 'The model does not cover county governments' }).expect(200);
    await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/confirm`).expect(200);
    await http.post('secretariat', `/engagements/${engagementId}/complete`).expect(200);
    // the completion is the provider's word: the State acknowledges it (or contests it) before it counts as delivered
    await http.post('otherState', `/engagements/${engagementId}/acknowledge`).expect(403);
    await http.post('donor', `/engagements/${engagementId}/acknowledge`).expect(403);
    const contested = await http.post('state', `/engagements/${engagementId}/contest`, { reason: 'The final report is missing' }).expect(200);
    expect(contested.body.events).toEqual(['CompletionContested']);
    await http.post('state', `/engagements/${engagementId}/acknowledge`).expect(409);
    await http.post('donor', `/engagements/${engagementId}/complete`).expect(200);
    expect(await types(`request-${requestId}`)).not.toContain('RequestDelivered');
    await http.post('state', `/engagements/${engagementId}/acknowledge`).expect(200);
    await eventually(() => types(`request-${requestId}`), (ts) => ts.includes('RequestDelivered'));
    await http.post('state', `/engagements/${engagementId}/acknowledge`).expect(409);

    await http.post('state', `/requests/${requestId}/follow-up`, { needMet: 'met', comment: { en: 'Verification now covers 12,000 declarations a year.' } }).expect(200);
    await http.post('secretariat', `/requests/${requestId}/close`).expect(200);

    const history = await streamEvents(t.db.pool, `request-${requestId}`);
    expect(history.map((e) => e.type)).toEqual([
      'RequestSubmitted',
      'RequestReturnedForClarification',
      'RequestClarificationProvided',
      'RequestTriaged',
      'RequestMatched',
      'RequestDeliveryStarted',
      'RequestDelivered',
      'RequestFollowUpRecorded',
      'RequestClosed',
    ]);
    expect(history[0]!.metadata).toMatchObject({ actorId: 'fp-ke', actorRole: 'state' });
    expect(history[3]!.metadata).toMatchObject({ actorId: 'unodc-officer-1', actorRole: 'secretariat' });
    // steps taken by the process managers are the system's, caused by the user's event
    expect(history[4]!.metadata).toMatchObject({ actorId: 'process:engagement-flow', actorRole: 'system' });
    expect(history[4]!.metadata.causationId).toEqual(expect.any(String));
    expect(await types(`engagement-${engagementId}`)).toEqual([
      'EngagementProposed',
      'EngagementAccepted',
      'EngagementAccepted',
      'EngagementAgreed',
      'EngagementActivated',
      'MilestonePlanned',
      'MilestoneRescheduled',
      'MilestoneReported',
      'MilestoneDisputed',
      'MilestoneReported',
      'MilestoneConfirmed',
      'EngagementCompleted',
      'CompletionContested',
      'EngagementCompleted',
      'CompletionAcknowledged',
    ]);
  });

  it.each([false, true])('every text of the case is read back in the reader\'s language, by those who may read it (restricted: %s)', async (restricted) => {
    const requestId = (await http.post('state', '/requests', requestBody({ restricted, preferredLanguages: ['fr', 'en'], beneficiaryInstitution: 'Commission anticorruption' })).expect(201)).body.id;
    await http.post('secretariat', `/requests/${requestId}/return-for-clarification`, { question: { en: 'Which agencies?', fr: 'Quelles agences ?' } }).expect(200);
    await http.post('state', `/requests/${requestId}/clarification`, { answer: { fr: 'La Commission.' } }).expect(200);
    await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
    const offerId = (await http.post('authority', '/offers', offerBody({ providerId: 'authority-ke-eacc', providerKind: 'state_authority', languages: ['en'] })).expect(201)).body.id;
    const engagementId = (await http.post('secretariat', '/engagements', { requestId, offerId, amount: '10.00', score: 0.8, reasons: ['article 8'] }).expect(201)).body.id;
    await http.post('authority', `/engagements/${engagementId}/accept`).expect(200);
    await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
    await eventually(() => types(`engagement-${engagementId}`), (ts) => ts.includes('EngagementActivated'));
    const milestoneId = (await http.post('authority', `/engagements/${engagementId}/milestones`, { title: { en: 'Workshop' }, dueDate: '2027-03-31' }).expect(201)).body.milestoneId;
    await http.post('authority', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/dispute`, { reason: "L'atelier n'a pas eu lieu" }).expect(200);
    await http.post('authority', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/confirm`).expect(200);
    await http.post('authority', `/engagements/${engagementId}/complete`).expect(200);
    await http.post('state', `/engagements/${engagementId}/acknowledge`).expect(200);
    await eventually(() => types(`request-${requestId}`), (ts) => ts.includes('RequestDelivered'));
    await http.post('state', `/requests/${requestId}/follow-up`, { needMet: 'met', comment: { fr: 'Besoin couvert.' } }).expect(200);
    await http.post('secretariat', `/requests/${requestId}/translations`, { text: 'followUpComment', language: 'en', translation: 'Need met.' }).expect(200);
    await http.post('state', `/engagements/${engagementId}/translations`, { text: `milestones/${milestoneId}/disputes/1/reason`, language: 'en', translation: 'The workshop was not held' }).expect(200);
    const last = (await http.post('authority', `/engagements/${engagementId}/translations`, { text: `milestones/${milestoneId}/title`, language: 'fr', translation: 'Atelier' }).expect(200)).body;

    const read = (who: Parameters<typeof http.get>[0], path: string) => http.get(who, `${path}${path.includes('?') ? '&' : '?'}minPosition=${last.globalPosition}`);
    const en = (await read('secretariat', `/requests/${requestId}?lang=en`).expect(200)).body.texts;
    expect(Object.fromEntries(Object.entries(en as Record<string, { text: string; lang: string; original: boolean }>).map(([k, v]) => [k, [v.text, v.lang, v.original]]))).toEqual({
      title: ['Verification of asset declarations', 'en', true],
      description: [expect.stringContaining('risk-based'), 'en', true],
      beneficiaryInstitution: ['Commission anticorruption', 'fr', true],
      'clarifications/1/question': ['Which agencies?', 'en', true],
      'clarifications/1/answer': ['La Commission.', 'fr', true],
      followUpComment: ['Need met.', 'en', false],
    });
    const fr = (await read('authority', `/engagements/${engagementId}?lang=fr`).expect(200)).body.texts;
    expect(fr[`milestones/${milestoneId}/title`]).toMatchObject({ text: 'Atelier', lang: 'fr', original: false });
    expect(fr[`milestones/${milestoneId}/disputes/1/reason`]).toMatchObject({ text: "L'atelier n'a pas eu lieu", lang: 'fr', original: true });
    expect((await read('state', `/engagements/${engagementId}?lang=en`).expect(200)).body.texts[`milestones/${milestoneId}/disputes/1/reason`]).toMatchObject({ text: 'The workshop was not held', original: false });
    // another State and an unengaged donor: the texts of an open case, nothing of a restricted one
    for (const who of ['otherState', 'otherDonor'] as const) {
      const detail = await read(who, `/requests/${requestId}?lang=en`);
      expect(detail.status).toBe(restricted ? 404 : 200);
      const engagement = await read(who, `/engagements/${engagementId}?lang=fr`);
      expect(engagement.status).toBe(restricted ? 404 : 200);
      if (restricted) expect(JSON.stringify([detail.body, engagement.body])).not.toMatch(/Need met|Atelier|Commission/);
      else expect(detail.body.texts.followUpComment.text).toBe('Need met.');
    }
  });

  it('withdrawing a request cancels its engagements that are still only proposed', async () => {
    const requestId = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
    await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
    const offerId = (await http.post('donor', '/offers', offerBody()).expect(201)).body.id;
    const engagementId = (await http.post('secretariat', '/engagements', { requestId, offerId, amount: '1000.00', score: 0.5, reasons: ['test'] }).expect(201)).body.id;
    await http.post('state', `/requests/${requestId}/withdraw`, { reason: 'Covered by a national programme' }).expect(200);
    const events = await eventually(() => streamEvents(t.db.pool, `engagement-${engagementId}`), (es) => es.some((e) => e.type === 'EngagementCancelled'));
    expect(events.at(-1)).toMatchObject({ type: 'EngagementCancelled', data: { reason: 'request_withdrawn' } });
    await http.post('state', `/engagements/${engagementId}/accept`).expect(409);
  });

  it("an offer's committed capacity never exceeds its capacity, even when two engagements are agreed at the same moment", async () => {
    const offerId = (await http.post('donor', '/offers', offerBody({ capacity: { kind: 'expert_days', days: 30 } })).expect(201)).body.id;
    const engagements: string[] = [];
    for (let i = 0; i < 2; i++) {
      const requestId = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
      await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
      const id = (await http.post('secretariat', '/engagements', { requestId, offerId, amount: '20', score: 0.7, reasons: ['fits'] }).expect(201)).body.id;
      await http.post('donor', `/engagements/${id}/accept`).expect(200);
      engagements.push(id);
    }
    // both States accept at once: each engagement alone fits (20 <= 30), together they do not
    await Promise.all(engagements.map((id) => http.post('state', `/engagements/${id}/accept`).expect(200)));
    const finals = await Promise.all(
      engagements.map((id) =>
        eventually(() => types(`engagement-${id}`), (ts) => ts.includes('EngagementActivated') || ts.includes('EngagementCancelled')),
      ),
    );
    const outcomes = finals.map((ts) => (ts.includes('EngagementActivated') ? 'active' : 'cancelled')).sort();
    expect(outcomes).toEqual(['active', 'cancelled']);
    const cancelled = engagements[finals.findIndex((ts) => ts.includes('EngagementCancelled'))]!;
    expect((await streamEvents(t.db.pool, `engagement-${cancelled}`)).at(-1)!.data).toMatchObject({ reason: 'insufficient_capacity' });
    const commits = (await streamEvents(t.db.pool, `offer-${offerId}`)).filter((e) => e.type === 'CapacityCommitted');
    expect(commits).toHaveLength(1);
    expect(commits[0]!.data).toMatchObject({ amount: 20, remaining: 10 });
  });
});

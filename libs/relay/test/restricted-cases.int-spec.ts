// A restricted case on the real Kafka broker: every free text of every event of it arrives
// null (clarification, reasons, milestone texts...), an open case's texts arrive intact, and
// a relay restarted in the middle of the case (a new instance, nothing in memory) still
// withholds them: the restriction comes from the event store, not from the relay's memory.
import { KafkaRelay, loadRelayConfig } from '@ta/relay';
import { CASE_REQUESTS_TOPIC } from '@ta/contracts';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { api, eventually, offerBody, requestBody, streamEvents, triageBody } from '../../../test/support/case-api';
import { collect, expectFaithful, expectNoPersonalData, hasAll, sharedBrokers, storedCaseEvents, uniquePrefix, type Received } from '../../../test/kafka/kafka-test-kit';

const prefix = uniquePrefix('restricted');
const logs: string[] = [];
let t: TestApp;
let http: ReturnType<typeof api>;
let relay: KafkaRelay;

function newRelay(): KafkaRelay {
  const config = loadRelayConfig(sharedBrokers(), { KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '3' });
  return new KafkaRelay(t.infra.pool, t.infra.eventStore, config, { log: (l) => logs.push(l), pollIntervalMs: 100 });
}

beforeAll(async () => {
  t = await startTestApp(); // publishing off in the API: this file runs its own relays
  http = api(t.server);
  relay = newRelay();
  relay.start();
  await relay.ready();
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  if (t) await t.close();
}, 30_000);

const types = async (stream: string) => (await streamEvents(t.db.pool, stream)).map((e) => e.type);

/** Every text typed into a case, marked with the case's own word so that a leak is visible anywhere in a message. */
const texts = (mark: string) => ({
  title: { en: `${mark} asset declarations` },
  description: { en: `${mark} verification of declarations` },
  institution: `${mark} commission`,
  question: { en: `${mark} which agencies are in scope?` },
  answer: { en: `${mark} the commission and the service board` },
  proposalReason: `${mark} article 8 in both`,
  milestoneTitle: { en: `${mark} risk model delivered` },
  rescheduleReason: `${mark} expert unavailable`,
  disputeReason: `${mark} county governments missing`,
  declineReason: `${mark} covered by the national plan`,
});
type Texts = ReturnType<typeof texts>;

interface Case {
  readonly texts: Texts;
  readonly requestId: string;
  readonly engagementId: string;
  readonly milestoneId?: string;
  /** A second request of the same kind, declined while it had a proposed engagement. */
  readonly declinedId: string;
  readonly declinedEngagementId: string;
}

async function submitAndClarify(restricted: boolean, x: Texts): Promise<string> {
  const body = requestBody({ restricted, title: x.title, description: x.description, beneficiaryInstitution: x.institution });
  const requestId: string = (await http.post('state', '/requests', body).expect(201)).body.id;
  await http.post('secretariat', `/requests/${requestId}/return-for-clarification`, { question: x.question }).expect(200);
  await http.post('state', `/requests/${requestId}/clarification`, { answer: x.answer }).expect(200);
  await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
  return requestId;
}

async function propose(requestId: string, offerId: string, x: Texts): Promise<string> {
  const res = await http.post('secretariat', '/engagements', { requestId, offerId, amount: '10000.00', score: 0.86, reasons: [x.proposalReason] });
  if (res.status !== 201) throw new Error(`proposal refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Before the restart: submitted, clarified, triaged, matched; a second request with a proposal. */
async function firstHalf(restricted: boolean, offerId: string): Promise<Case> {
  const x = texts(restricted ? 'CONFIDENTIAL' : 'PUBLIC');
  const requestId = await submitAndClarify(restricted, x);
  const engagementId = await propose(requestId, offerId, x);
  await http.post('donor', `/engagements/${engagementId}/accept`).expect(200);
  await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
  await eventually(() => types(`request-${requestId}`), (ts) => ts.includes('RequestMatched'));
  const declinedId = await submitAndClarify(restricted, x);
  const declinedEngagementId = await propose(declinedId, offerId, x);
  return { texts: x, requestId, engagementId, declinedId, declinedEngagementId };
}

/** After the relay stopped: milestone planned, rescheduled, reported, disputed; the second request declined. */
async function secondHalf(c: Case): Promise<Case> {
  const x = c.texts;
  const milestoneId: string = (await http.post('donor', `/engagements/${c.engagementId}/milestones`, { title: x.milestoneTitle, dueDate: '2027-03-31' }).expect(201)).body
    .milestoneId;
  await eventually(() => types(`request-${c.requestId}`), (ts) => ts.includes('RequestDeliveryStarted'));
  await http.post('donor', `/engagements/${c.engagementId}/milestones/${milestoneId}/reschedule`, { dueDate: '2027-04-30', reason: x.rescheduleReason }).expect(200);
  await http.post('donor', `/engagements/${c.engagementId}/milestones/${milestoneId}/report`).expect(200);
  await http.post('state', `/engagements/${c.engagementId}/milestones/${milestoneId}/dispute`, { reason: x.disputeReason }).expect(200);
  await http.post('secretariat', `/requests/${c.declinedId}/decline`, { reason: x.declineReason }).expect(200);
  await eventually(() => types(`engagement-${c.declinedEngagementId}`), (ts) => ts.includes('EngagementCancelled'));
  return { ...c, milestoneId };
}

describe('a restricted case on Kafka, across a relay restart', () => {
  let open: Case;
  let restricted: Case;
  let got: Received[];
  let first: Received[];

  beforeAll(async () => {
    const offerId: string = (await http.post('donor', '/offers', offerBody()).expect(201)).body.id;
    open = await firstHalf(false, offerId);
    restricted = await firstHalf(true, offerId);
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 20_000);

    // The relay goes away in the middle of both cases; what follows is published by a new one.
    await relay.stop();
    open = await secondHalf(open);
    restricted = await secondHalf(restricted);
    expect((await relay.status()).lagEvents).toBeGreaterThanOrEqual(2 * 6);

    relay = newRelay(); // as a new process would: same consumer name and checkpoint, empty memory
    relay.start();
    await relay.ready();
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 30_000);
    const stored = await storedCaseEvents(t.db.pool);
    got = await collect(sharedBrokers(), prefix, hasAll(stored));
    first = expectFaithful(got, stored, prefix);
    expectNoPersonalData(got);
  }, 120_000);

  /** The data of the first delivery of `type` on the request's key (and of the engagement, when given). */
  const published = (requestId: string, type: string, engagementId?: string) => {
    const found = first.filter(
      (r) => r.topic === `${prefix}${CASE_REQUESTS_TOPIC}` && r.key === requestId && r.value.type === type && (!engagementId || (r.value.data as { engagementId?: string }).engagementId === engagementId),
    );
    expect(found).toHaveLength(1);
    return found[0]!.value.data as Record<string, unknown>;
  };

  it('publishes no text of the restricted case anywhere, in any message of any topic, before or after the restart', () => {
    const ofRestricted = got.filter((r) => r.key === restricted.requestId || r.key === restricted.declinedId);
    expect(ofRestricted.length).toBeGreaterThanOrEqual(2 * 6 + 6);
    for (const r of got) expect(r.raw).not.toContain('CONFIDENTIAL');
  });

  it("publishes the restricted case's texts as null, before the restart", () => {
    const c = restricted;
    expect(published(c.requestId, 'RequestSubmitted')).toMatchObject({ restricted: true, title: null, description: null, beneficiaryInstitution: null });
    expect(published(c.requestId, 'RequestReturnedForClarification')).toMatchObject({ question: null });
    expect(published(c.requestId, 'RequestClarificationProvided')).toMatchObject({ answer: null });
    expect(published(c.requestId, 'EngagementProposed', c.engagementId)).toMatchObject({ reasons: null, country: 'KE', amount: 1_000_000 });
  });

  it("publishes the restricted case's texts as null after the restart too: milestone title, reschedule and dispute reasons, decline reason", () => {
    const c = restricted;
    expect(published(c.requestId, 'MilestonePlanned')).toMatchObject({ milestoneId: c.milestoneId, title: null, dueDate: '2027-03-31' });
    expect(published(c.requestId, 'MilestoneRescheduled')).toMatchObject({ reason: null, dueDate: '2027-04-30' });
    expect(published(c.requestId, 'MilestoneDisputed')).toMatchObject({ reason: null });
    expect(published(c.declinedId, 'RequestDeclined')).toMatchObject({ reason: null });
    // the platform's own cancellation code is not free text: it stays
    expect(published(c.declinedId, 'EngagementCancelled', c.declinedEngagementId)).toMatchObject({ reason: 'request_declined', previousStatus: 'proposed' });
  });

  it("publishes the open case's texts intact, before and after the restart", () => {
    const c = open;
    const x = c.texts;
    expect(published(c.requestId, 'RequestSubmitted')).toMatchObject({ restricted: false, title: x.title, description: x.description, beneficiaryInstitution: x.institution });
    expect(published(c.requestId, 'RequestReturnedForClarification')).toMatchObject({ question: x.question });
    expect(published(c.requestId, 'RequestClarificationProvided')).toMatchObject({ answer: x.answer });
    expect(published(c.requestId, 'EngagementProposed', c.engagementId)).toMatchObject({ reasons: [x.proposalReason] });
    expect(published(c.requestId, 'MilestonePlanned')).toMatchObject({ milestoneId: c.milestoneId, title: x.milestoneTitle });
    expect(published(c.requestId, 'MilestoneRescheduled')).toMatchObject({ reason: x.rescheduleReason });
    expect(published(c.requestId, 'MilestoneDisputed')).toMatchObject({ reason: x.disputeReason });
    expect(published(c.declinedId, 'RequestDeclined')).toMatchObject({ reason: x.declineReason });
    expect(published(c.declinedId, 'EngagementCancelled', c.declinedEngagementId)).toMatchObject({ reason: 'request_declined' });
  });

  it('publishes the lifecycle of both cases alike', () => {
    const kinds = (requestId: string) => first.filter((r) => r.key === requestId).sort((a, b) => a.offset - b.offset).map((r) => r.value.type);
    expect(kinds(restricted.requestId)).toEqual(kinds(open.requestId));
    expect(kinds(restricted.declinedId)).toEqual(kinds(open.declinedId));
    expect(logs.filter((l) => l.includes('relay batch failed'))).toEqual([]);
  });
});

// Consent that changes: a case restricted after it was published stops having its text
// published from that event on, and a case opened again has it published again from the
// opening on; a relay restarted in between (nothing in memory) finds the restriction of each
// event in the event store.
describe('a case whose State restricts it, then opens it again, across a relay restart', () => {
  let first: Received[];
  let got: Received[];
  let requestId: string;
  let withheldEngagement: string;
  let reopenedEngagement: string;

  beforeAll(async () => {
    const offer = async () => (await http.post('donor', '/offers', offerBody()).expect(201)).body.id as string;
    const body = requestBody({ restricted: false, title: { en: 'PUBLISHED title' }, description: { en: 'PUBLISHED description' }, beneficiaryInstitution: 'PUBLISHED institution' });
    requestId = (await http.post('state', '/requests', body).expect(201)).body.id;
    await http.post('secretariat', `/requests/${requestId}/return-for-clarification`, { question: { en: 'PUBLISHED question' } }).expect(200);
    await http.post('state', `/requests/${requestId}/restrict`, { reason: 'WITHHELD the ministry asked' }).expect(200);
    await http.post('state', `/requests/${requestId}/clarification`, { answer: { en: 'WITHHELD answer' } }).expect(200);
    await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 20_000);

    // The relay goes away while the case is restricted; a new one (empty memory) publishes what follows.
    await relay.stop();
    withheldEngagement = (await http.post('secretariat', '/engagements', { requestId, offerId: await offer(), amount: '100.00', score: 0.5, reasons: ['WITHHELD proposal'] }).expect(201)).body.id;
    await http.post('state', `/requests/${requestId}/open`, { reason: 'PUBLISHED cleared for publication' }).expect(200);
    reopenedEngagement = (await http.post('secretariat', '/engagements', { requestId, offerId: await offer(), amount: '100.00', score: 0.5, reasons: ['PUBLISHED proposal'] }).expect(201)).body.id;

    relay = newRelay();
    relay.start();
    await relay.ready();
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 30_000);
    const stored = await storedCaseEvents(t.db.pool);
    got = await collect(sharedBrokers(), prefix, hasAll(stored));
    first = expectFaithful(got, stored, prefix);
    expectNoPersonalData(got);
  }, 120_000);

  const ofCase = () => first.filter((r) => r.topic === `${prefix}${CASE_REQUESTS_TOPIC}` && r.key === requestId).sort((a, b) => a.offset - b.offset);

  it('publishes no text written while the case was restricted, in any message', () => {
    expect(ofCase().length).toBeGreaterThanOrEqual(8);
    for (const r of got) expect(r.raw).not.toContain('WITHHELD');
  });

  it('publishes the text before the restriction and after the opening, and null in between, each event as the case was then', () => {
    expect(ofCase().map((r) => [r.value.type, r.value.data])).toEqual([
      ['RequestSubmitted', expect.objectContaining({ restricted: false, title: { en: 'PUBLISHED title' }, beneficiaryInstitution: 'PUBLISHED institution' })],
      ['RequestReturnedForClarification', expect.objectContaining({ question: { en: 'PUBLISHED question' } })],
      ['RequestAccessChanged', expect.objectContaining({ restricted: true, reason: null })],
      ['RequestClarificationProvided', expect.objectContaining({ answer: null })],
      ['RequestTriaged', expect.objectContaining({ priority: 'high' })],
      ['EngagementProposed', expect.objectContaining({ engagementId: withheldEngagement, reasons: null })],
      ['RequestAccessChanged', expect.objectContaining({ restricted: false, reason: 'PUBLISHED cleared for publication' })],
      ['EngagementProposed', expect.objectContaining({ engagementId: reopenedEngagement, reasons: ['PUBLISHED proposal'] })],
    ]);
    expect(logs.filter((l) => l.includes('relay batch failed'))).toEqual([]);
  });
});

/**
 * Whole cases driven over HTTP, as the State, the donor and the Secretariat would drive them,
 * against a platform started from its built entry points. Only public routes: what the
 * platform does on its own (activation, capacity, cancellations, delivery) is observed through
 * the read routes, never through the database.
 */
import { offerBody, requestBody, triageBody } from '../../support/case-api';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class Client {
  constructor(
    readonly base: string,
    private readonly token: string,
    readonly who: string,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: kept as text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** POST that must answer `expected`; the failure names who did what and what came back. */
  async post(path: string, body: unknown = {}, expected = 200): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const a = await this.call('POST', path, body);
    if (a.status !== expected) throw new Error(`${this.who} POST ${path}: expected ${expected}, got ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  }

  async get(path: string, expected = 200): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const a = await this.call('GET', path);
    if (a.status !== expected) throw new Error(`${this.who} GET ${path}: expected ${expected}, got ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  }

  /** Reads `path` until `ok` holds (the platform's own steps run in the background). */
  async until<T = any>(path: string, ok: (body: T) => boolean, timeoutMs = 20_000): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const end = Date.now() + timeoutMs;
    let last: Answer | undefined;
    for (;;) {
      last = await this.call('GET', path);
      if (last.status === 200 && ok(last.body as T)) return last.body as T;
      if (Date.now() > end) throw new Error(`${this.who} GET ${path}: condition not met within ${timeoutMs} ms; last: ${last.status} ${JSON.stringify(last.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface Actors {
  readonly state: Client;
  readonly otherState: Client;
  readonly donor: Client;
  readonly secretariat: Client;
}

/** The identities the journeys use, as `npm run token` arguments. */
export const IDENTITIES = {
  state: { role: 'state', country: 'KE', sub: 'focal-point-ke' },
  otherState: { role: 'state', country: 'UG', sub: 'focal-point-ug' },
  donor: { role: 'donor', organisation: 'donor-giz', sub: 'giz-officer' },
  secretariat: { role: 'secretariat', sub: 'unodc-officer' },
} as const;

/** The bodies the in-process tests send, with the country and the capacity these journeys vary. */
export const request = (country = 'KE', overrides: Record<string, unknown> = {}) => requestBody({ country, ...overrides });
export const triage = triageBody;
export const offer = (amount: string) => offerBody({ capacity: { kind: 'money', amount, currency: 'EUR' } });

/** A triaged request of `by`'s country, open for offers. */
async function openRequest(a: Actors, by: Client = a.state, country = 'KE'): Promise<string> {
  const id: string = (await by.post('/requests', request(country), 201)).id;
  await a.secretariat.post(`/requests/${id}/triage`, triage);
  return id;
}

/**
 * Submission to closure: clarification, triage, an offer, a proposal accepted by both parties
 * (the provider first), activation by the platform, a delivery plan whose milestones are
 * reported, disputed, reported again and confirmed, completion, delivery, follow-up, closure.
 */
export async function wholeCase(a: Actors): Promise<{ requestId: string; offerId: string; engagementId: string }> {
  const requestId: string = (await a.state.post('/requests', request(), 201)).id;
  await a.secretariat.post(`/requests/${requestId}/return-for-clarification`, { question: { en: 'Which agencies are in scope?' } });
  await a.state.post(`/requests/${requestId}/clarification`, { answer: { en: 'The EACC and the Public Service Commission.' } });
  await a.secretariat.post(`/requests/${requestId}/triage`, triage);
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'open_for_offers');

  const offerId: string = (await a.donor.post('/offers', offer('100000.00'), 201)).id;
  const engagementId: string = (
    await a.secretariat.post('/engagements', { requestId, offerId, amount: '40000.00', score: 0.86, reasons: ['article 8 in both', 'KE eligible', 'English'] }, 201)
  ).id;
  await a.donor.post(`/engagements/${engagementId}/accept`);
  const agreed = await a.state.post(`/engagements/${engagementId}/accept`);
  if (!agreed.events.includes('EngagementAgreed')) throw new Error(`second acceptance did not agree the engagement: ${JSON.stringify(agreed)}`);

  // The platform commits the capacity, activates the engagement and marks the request matched.
  await a.donor.until(`/engagements/${engagementId}`, (e) => e.status === 'active');
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'matched');
  await a.donor.until(`/offers/${offerId}`, (o) => o.committed === 4_000_000 && o.remaining === 6_000_000);

  const m1: string = (await a.donor.post(`/engagements/${engagementId}/milestones`, { title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' }, 201)).milestoneId;
  const m2: string = (await a.donor.post(`/engagements/${engagementId}/milestones`, { title: { en: 'Verifiers trained' }, dueDate: '2027-06-30' }, 201)).milestoneId;
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'in_delivery');
  await a.donor.post(`/engagements/${engagementId}/milestones/${m1}/reschedule`, { dueDate: '2027-04-30', reason: 'Expert unavailable in March' });
  await a.donor.post(`/engagements/${engagementId}/milestones/${m1}/report`);
  await a.state.post(`/engagements/${engagementId}/milestones/${m1}/dispute`, { reason: 'The model does not cover county governments' });
  await a.donor.post(`/engagements/${engagementId}/milestones/${m1}/report`);
  await a.state.post(`/engagements/${engagementId}/milestones/${m1}/confirm`);
  await a.donor.post(`/engagements/${engagementId}/milestones/${m2}/report`);
  await a.state.post(`/engagements/${engagementId}/milestones/${m2}/confirm`);
  const planned = await a.donor.until(`/engagements/${engagementId}`, (e) => e.milestones?.every((m: { status: string }) => m.status === 'confirmed'));
  if (planned.milestones.length !== 2) throw new Error(`expected 2 milestones, got ${JSON.stringify(planned.milestones)}`);
  await a.secretariat.post(`/engagements/${engagementId}/complete`);
  // delivered once the State acknowledges the completion, not before
  await a.state.until(`/engagements/${engagementId}`, (e) => e.status === 'completed');
  await a.state.post(`/engagements/${engagementId}/acknowledge`);
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'delivered');

  await a.state.post(`/requests/${requestId}/follow-up`, { needMet: 'met', comment: { en: 'Verification now covers 12,000 declarations a year.' } });
  await a.secretariat.post(`/requests/${requestId}/close`);
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'closed');
  return { requestId, offerId, engagementId };
}

/** A request withdrawn by its State: the platform cancels its proposed and agreed engagements. */
export async function withdrawal(a: Actors): Promise<{ requestId: string; proposed: string; agreed: string }> {
  const requestId = await openRequest(a);
  const offerId: string = (await a.donor.post('/offers', offer('50000.00'), 201)).id;
  const propose = async () => (await a.secretariat.post('/engagements', { requestId, offerId, amount: '1000.00', score: 0.5, reasons: ['fits'] }, 201)).id as string;
  const proposed = await propose();
  const agreed = await propose();
  await a.donor.post(`/engagements/${agreed}/accept`);
  await a.donor.post(`/engagements/${proposed}/accept`);
  await a.state.post(`/requests/${requestId}/withdraw`, { reason: 'Covered by a national programme' });
  for (const id of [proposed, agreed]) {
    const e = await a.secretariat.until(`/engagements/${id}`, (x) => x.status === 'cancelled');
    if (e.endReason !== 'request_withdrawn') throw new Error(`engagement ${id} cancelled for ${e.endReason}, not request_withdrawn`);
  }
  await a.state.until(`/requests/${requestId}`, (r) => r.status === 'withdrawn');
  return { requestId, proposed, agreed };
}

/**
 * Twenty engagements of 10,000 EUR against one offer of 40,000 EUR, all accepted by both
 * parties at about the same time: the platform commits the offer's capacity to four of them
 * and cancels the others with the reason `insufficient_capacity`, which their parties can read.
 */
export async function overCapacity(a: Actors): Promise<{ offerId: string; active: string[]; cancelled: string[] }> {
  const offerId: string = (await a.donor.post('/offers', offer('40000.00'), 201)).id;
  const engagements: string[] = [];
  for (let i = 0; i < 20; i++) {
    const state = i % 2 === 0 ? a.state : a.otherState;
    const requestId = await openRequest(a, state, i % 2 === 0 ? 'KE' : 'UG');
    const id: string = (await a.secretariat.post('/engagements', { requestId, offerId, amount: '10000.00', score: 0.7, reasons: ['fits'] }, 201)).id;
    await a.donor.post(`/engagements/${id}/accept`);
    engagements.push(id);
  }
  await Promise.all(engagements.map((id, i) => (i % 2 === 0 ? a.state : a.otherState).post(`/engagements/${id}/accept`)));
  const finals = await Promise.all(
    engagements.map((id, i) => (i % 2 === 0 ? a.state : a.otherState).until(`/engagements/${id}`, (e) => e.status === 'active' || e.status === 'cancelled', 60_000)),
  );
  const active = finals.filter((e) => e.status === 'active').map((e) => e.engagementId as string);
  const cancelled = finals.filter((e) => e.status === 'cancelled');
  for (const e of cancelled) if (e.endReason !== 'insufficient_capacity') throw new Error(`engagement ${e.engagementId} cancelled for ${e.endReason}`);
  return { offerId, active, cancelled: cancelled.map((e) => e.engagementId as string) };
}

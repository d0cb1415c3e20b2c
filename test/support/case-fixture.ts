import request from 'supertest';
import { ACTORS, eventually, offerBody, requestBody, triageBody, type ActorName } from './case-api';

/** One answer the fixture got, to check against the document. */
export interface Exchange {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A case with an active engagement whose milestone was reported done: ids every route can use. */
export interface CaseFixture {
  readonly requestId: string;
  readonly offerId: string;
  readonly engagementId: string;
  readonly milestoneId: string;
  /** The global position of the last command: reads with `minPosition` of it see the whole case. */
  readonly lastPosition: number;
}

/**
 * Builds a case through the API as its actors would (KE's State, the Secretariat, donor-giz):
 * submitted, triaged, offered, matched, accepted by both (the process managers activate it),
 * a milestone planned and reported done. Every answer is kept in `exchanges`.
 */
export async function createCaseFixture(server: Parameters<typeof request>[0], exchanges: Exchange[] = []): Promise<CaseFixture> {
  let last = 0;
  const post = async (actor: ActorName, path: string, body: unknown = {}, expected = 200) => {
    const res = await request(server).post(path).set(ACTORS[actor]).send(body as object);
    exchanges.push({ method: 'post', path, status: res.status, headers: res.headers as Record<string, string>, body: res.body });
    if (res.status !== expected) throw new Error(`fixture: POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    last = Math.max(last, Number(res.body.globalPosition));
    return res.body as { id: string; milestoneId?: string; globalPosition: number };
  };
  const { id: requestId } = await post('state', '/requests', requestBody(), 201);
  await post('secretariat', `/requests/${requestId}/triage`, triageBody);
  const { id: offerId } = await post('donor', '/offers', offerBody(), 201);
  const { id: engagementId } = await post('secretariat', '/engagements', { requestId, offerId, amount: '40000.00', score: 0.86, reasons: ['article 8 in both'] }, 201);
  await post('donor', `/engagements/${engagementId}/accept`);
  await post('state', `/engagements/${engagementId}/accept`);
  // The engagement flow activates it (a process manager): then milestones can be planned.
  const planned = await eventually(
    () => request(server).post(`/engagements/${engagementId}/milestones`).set(ACTORS.donor).send({ title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' }),
    (res) => res.status !== 409,
  );
  exchanges.push({ method: 'post', path: `/engagements/${engagementId}/milestones`, status: planned.status, headers: planned.headers as Record<string, string>, body: planned.body });
  if (planned.status !== 201) throw new Error(`fixture: planning a milestone answered ${planned.status}: ${JSON.stringify(planned.body)}`);
  const milestoneId = String(planned.body.milestoneId);
  await post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`);
  return { requestId, offerId, engagementId, milestoneId, lastPosition: last };
}

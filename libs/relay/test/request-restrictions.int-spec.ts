// Which requests are restricted, as the relay finds it out for the mapping: from a submission
// in the batch, from memory, or from the event store (a new process); never guessed.
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { requestStreamId } from '@ta/case';
import { ExpectedVersion, openPostgresEventStore, type NewEvent, type PostgresEventStoreHandle, type RecordedEvent } from '@ta/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { RequestRestrictions, requestStreamOf } from '../src/request-restrictions';

const AT = '2026-03-01T09:30:00Z';
let db: TestDatabase;
let es: PostgresEventStoreHandle;
let tx: PoolClient;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  es = await openPostgresEventStore(db.pool);
  tx = await db.pool.connect();
});
afterAll(async () => {
  tx?.release();
  await es?.close();
  await db?.drop();
});

const event = (type: string, data: object): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: { at: AT, ...data },
  metadata: { actorId: 'fp-ke', actorRole: 'state', correlationId: randomUUID(), causationId: null, occurredAt: AT },
});
const submission = (requestId: string, restricted: boolean) =>
  event('RequestSubmitted', {
    requestId,
    country: 'KE',
    title: { en: 't' },
    description: { en: 'd' },
    suggestedArticles: [],
    suggestedTaTypes: [],
    beneficiaryInstitution: 'i',
    preferredLanguages: ['en'],
    desiredWindow: null,
    findingRef: null,
    restricted,
    contactPerson: null,
  });

/** Appends a request's submission and a decline, and a proposed engagement on it; returns them as recorded. */
async function requestWithEngagement(restricted: boolean): Promise<{ requestId: string; events: RecordedEvent[] }> {
  const requestId = randomUUID();
  const engagementId = randomUUID();
  await es.store.append(requestStreamOf(requestId), [submission(requestId, restricted), event('RequestDeclined', { requestId, reason: 'r' })], ExpectedVersion.noStream);
  await es.store.append(
    `engagement-${engagementId}`,
    [event('EngagementDeclined', { engagementId, requestId, offerId: 'o-1', party: 'provider', reason: 'r' })],
    ExpectedVersion.noStream,
  );
  return { requestId, events: [...(await es.store.readStream(requestStreamOf(requestId))), ...(await es.store.readStream(`engagement-${engagementId}`))] };
}

/** A new event naming the request, appended (after everything before it in the log) on an engagement stream of its own. */
async function laterEvent(requestId: string): Promise<RecordedEvent> {
  const engagementId = randomUUID();
  await es.store.append(`engagement-${engagementId}`, [event('EngagementActivated', { engagementId, requestId, offerId: 'o-1' })], ExpectedVersion.noStream);
  return (await es.store.readStream(`engagement-${engagementId}`))[0]!;
}

/** The event store, counting the reads of request streams. */
function countingStore() {
  const reads: string[] = [];
  return {
    reads,
    readStreamWith: (client: PoolClient, streamId: string, options?: { from?: number; to?: number }) => {
      reads.push(streamId);
      return es.store.readStreamWith(client, streamId, options);
    },
  };
}

it('names request streams as the case context does', () => {
  expect(requestStreamOf('r-1')).toBe(requestStreamId('r-1'));
});

it('learns from a submission in the batch, without reading the store, and remembers it', async () => {
  const restricted = await requestWithEngagement(true);
  const open = await requestWithEngagement(false);
  const store = countingStore();
  const r = new RequestRestrictions(store);
  const contexts = await r.contexts([...restricted.events, ...open.events], tx);
  expect(contexts.map((c) => c.restricted)).toEqual([true, true, true, false, false, false]);
  // later batches: later events of the cases, known from memory
  expect((await r.contexts([await laterEvent(restricted.requestId), await laterEvent(open.requestId)], tx)).map((c) => c.restricted)).toEqual([true, false]);
  expect(store.reads).toEqual([]);
});

it('reads the submission from the event store when it is not in the batch nor in memory (a new process), once per request; a retried batch is read again', async () => {
  const restricted = await requestWithEngagement(true);
  const open = await requestWithEngagement(false);
  const store = countingStore();
  const fresh = new RequestRestrictions(store);
  const later = [restricted.events[1]!, restricted.events[2]!, open.events[2]!, open.events[1]!];
  expect((await fresh.contexts(later, tx)).map((c) => c.restricted)).toEqual([true, true, false, false]);
  expect(store.reads).toEqual([requestStreamOf(restricted.requestId), requestStreamOf(open.requestId)]);
  // The same batch again (a send that failed): not after what memory holds, so read again, with the same answer.
  expect((await fresh.contexts(later, tx)).map((c) => c.restricted)).toEqual([true, true, false, false]);
  expect(store.reads).toHaveLength(4);
});

describe('a request whose State changes its consent (RequestAccessChanged)', () => {
  const accessChanged = (requestId: string, restricted: boolean) => event('RequestAccessChanged', { requestId, restricted, reason: 'r' });
  const clarification = (requestId: string) => event('RequestReturnedForClarification', { requestId, question: { en: 'q' } });

  /** A request submitted open, asked a question, restricted, asked again, opened, asked again; as recorded. */
  async function changingCase(): Promise<{ requestId: string; events: RecordedEvent[] }> {
    const requestId = randomUUID();
    const stream = requestStreamOf(requestId);
    await es.store.append(stream, [submission(requestId, false), clarification(requestId)], ExpectedVersion.noStream);
    await es.store.append(stream, [accessChanged(requestId, true), clarification(requestId)], ExpectedVersion.exact(2));
    await es.store.append(stream, [accessChanged(requestId, false), clarification(requestId)], ExpectedVersion.exact(4));
    return { requestId, events: await es.store.readStream(stream) };
  }

  it('is restricted from the change on, in one batch, without reading the store', async () => {
    const c = await changingCase();
    const store = countingStore();
    expect((await new RequestRestrictions(store).contexts(c.events, tx)).map((x) => x.restricted)).toEqual([false, false, true, true, false, false]);
    expect(store.reads).toEqual([]);
  });

  it('a new process reads the changes up to each event from the store: restricted between the two changes only', async () => {
    const c = await changingCase();
    for (const [i, expected] of [[1, false], [3, true], [5, false]] as const) {
      expect((await new RequestRestrictions(es.store).contexts([c.events[i]!], tx)).map((x) => x.restricted)).toEqual([expected]);
    }
  });

  it('follows a change in an earlier batch from memory, and a retried batch from the store (never the later state)', async () => {
    const c = await changingCase();
    const store = countingStore();
    const r = new RequestRestrictions(store);
    expect((await r.contexts(c.events.slice(0, 3), tx)).map((x) => x.restricted)).toEqual([false, false, true]);
    // the next batch, with the opening, then the same batch again after a failed send: the question before the opening stays restricted
    const opening = c.events.slice(3, 6);
    expect((await r.contexts(opening, tx)).map((x) => x.restricted)).toEqual([true, false, false]);
    expect(store.reads).toEqual([]);
    expect((await r.contexts(opening, tx)).map((x) => x.restricted)).toEqual([true, false, false]);
    expect(store.reads).toEqual([requestStreamOf(c.requestId)]);
  });
});

it('names no request for offer events: nothing to look up', async () => {
  const offerId = randomUUID();
  await es.store.append(`offer-${offerId}`, [event('OfferWithdrawn', { offerId, reason: 'r' })], ExpectedVersion.noStream);
  const store = countingStore();
  expect(await new RequestRestrictions(store).contexts(await es.store.readStream(`offer-${offerId}`), tx)).toEqual([{ restricted: false }]);
  expect(store.reads).toEqual([]);
});

it('refuses an event of a request whose submission is not in the store: restriction unknown, nothing published', async () => {
  const requestId = randomUUID();
  const engagementId = randomUUID();
  await es.store.append(`engagement-${engagementId}`, [event('EngagementDeclined', { engagementId, requestId, offerId: 'o-1', party: 'state', reason: 'r' })], ExpectedVersion.noStream);
  const r = new RequestRestrictions(es.store);
  await expect(r.contexts(await es.store.readStream(`engagement-${engagementId}`), tx)).rejects.toThrow(/whether it is restricted is unknown/);
  expect(r.size).toBe(0);
});

it('keeps a bounded number of requests in memory; a forgotten one is read again, with the same answer', async () => {
  const cases = [await requestWithEngagement(true), await requestWithEngagement(false), await requestWithEngagement(true)];
  const store = countingStore();
  const r = new RequestRestrictions(store, 2);
  await r.contexts(
    cases.flatMap((c) => c.events),
    tx,
  );
  expect(r.size).toBe(2);
  expect((await r.contexts([cases[0]!.events[2]!], tx)).map((c) => c.restricted)).toEqual([true]);
  expect(store.reads).toEqual([requestStreamOf(cases[0]!.requestId)]);
});

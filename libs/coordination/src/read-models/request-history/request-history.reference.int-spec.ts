import { randomUUID } from 'node:crypto';
import { engagementStreamId, offerStreamId, requestStreamId } from '@ta/case';
import { ExpectedVersion, LOG_START, type NewEvent, type RecordedEvent } from '@ta/event-store';
import { f, wholeCase, type Fixture } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';
import type { RequestHistoryRow } from './request-history.entity';
import { foldRequestHistory } from './request-history.reference';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

const at = (minute: number) => new Date(Date.parse('2025-03-01T08:00:00Z') + minute * 60_000).toISOString();

/** An event as a case decider would not write it, appended as is. */
async function appendRaw(streamId: string, e: { type: string; data: unknown; schemaVersion?: number; id?: string; occurredAt?: string; actorId?: string }): Promise<void> {
  const event: NewEvent = {
    id: e.id ?? randomUUID(),
    type: e.type,
    schemaVersion: e.schemaVersion ?? 1,
    data: e.data,
    metadata: { actorId: e.actorId ?? 'system', actorRole: 'system', correlationId: randomUUID(), causationId: null, occurredAt: e.occurredAt ?? at(0) },
  };
  await h.es.store.append(streamId, [event], ExpectedVersion.any);
}

/** RequestSubmitted as stored before domain schema version 2 (a free `findingRef`, no sources, no State priority). */
const v1Submission = (requestId: string) => ({
  requestId,
  country: 'KE',
  title: { en: 'Procurement review' },
  description: { en: 'Review of procurement rules' },
  suggestedArticles: ['art-9'],
  suggestedTaTypes: [],
  beneficiaryInstitution: 'PPRA',
  preferredLanguages: ['en'],
  desiredWindow: null,
  findingRef: { reviewCycle: 1, reference: 'Checklist, art. 9' },
  restricted: false,
  contactPerson: null,
});

/** Every event of the log, in log order. */
async function wholeLog(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = LOG_START; ; ) {
    const page = await h.es.store.readAll({ after, limit: 500 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1]!.logPosition;
  }
}

/** The table's rows, in log order, as the entity types them; `occurredAt` to the microsecond stored (only whole milliseconds read as ISO). */
async function tableRows(): Promise<RequestHistoryRow[]> {
  const rows = await h.rows<Omit<RequestHistoryRow, 'occurredAt'> & { occurredMs: number }>(
    `SELECT event_id AS "eventId", request_id AS "requestId", event_type AS "eventType", actor_id AS "actorId", actor_role AS "actorRole",
            (extract(epoch FROM occurred_at) * 1000)::float8 AS "occurredMs", reason, details, commit_order::text AS "commitOrder",
            global_position::float8 AS "globalPosition"
       FROM coordination.request_history ORDER BY commit_order, global_position`,
  );
  return rows.map(({ occurredMs, ...r }) => ({ ...r, occurredAt: Number.isInteger(occurredMs) ? new Date(occurredMs).toISOString() : `${occurredMs} ms` }));
}

describe('request history: the SQL the projector runs and the TypeScript reference', () => {
  it('give the same rows, row for row, over a varied log', async () => {
    const ref = (requestId: string, engagementId: string, offerId: string) => ({ requestId, engagementId, offerId });
    // Whole cases, and every other way a request and an engagement go.
    const fixtures: Fixture[] = [...wholeCase(1), ...wholeCase(2)];
    const r3 = ref('req-3', 'eng-3', 'off-3');
    fixtures.push(
      f.submitted('req-3', at(0), { country: 'PE', articles: ['art-9', 'art-10'], restricted: true }),
      f.requestEvent('req-3', { type: 'RequestReturnedForClarification', data: { requestId: 'req-3', at: at(1), question: { en: 'Which agency?' } } }, 'secretariat'),
      f.requestEvent('req-3', { type: 'RequestClarificationProvided', data: { requestId: 'req-3', at: at(2), answer: { en: 'The procurement authority' } } }, 'state'),
      f.triaged('req-3', at(3), ['art-9'], ['c2-capacity-building']),
      f.offer('off-3', at(4), { countries: ['PE'], days: 40 }),
      f.proposed({ ...r3, at: at(5), country: 'PE', days: true, amount: 20 }),
      f.engagementEvent('eng-3', { type: 'EngagementDeclined', data: { ...r3, at: at(6), party: 'state', reason: 'timing does not fit' } }, 'state'),
      f.proposed({ ...ref('req-3', 'eng-3b', 'off-3'), at: at(7), country: 'PE' }),
      f.engagementEvent('eng-3b', { type: 'EngagementCancelled', data: { ...ref('req-3', 'eng-3b', 'off-3'), at: at(8), reason: 'provider withdrew', previousStatus: 'proposed' } }),
      f.offerEvent('off-3', { type: 'OfferWithdrawn', data: { offerId: 'off-3', at: at(9), reason: 'budget cut' } }),
      f.requestEvent('req-3', { type: 'RequestWithdrawn', data: { requestId: 'req-3', at: at(10), reason: 'merged with another request' } }, 'state'),
      f.submitted('req-4', at(11)),
      f.requestEvent('req-4', { type: 'RequestDeclined', data: { requestId: 'req-4', at: at(12), reason: 'outside the Convention' } }, 'secretariat'),
    );
    const r1 = ref('req-1', 'eng-1', 'off-1');
    fixtures.push(
      f.engagementEvent('eng-1', { type: 'EngagementCompleted', data: { ...r1, at: at(20) } }, 'secretariat'),
      f.offerEvent('off-1', { type: 'CapacityReleased', data: { offerId: 'off-1', engagementId: 'eng-1', at: at(20), amount: 0, unit: { kind: 'money', currency: 'USD' }, remaining: 7_500_000 } } as never),
      f.requestEvent('req-1', { type: 'RequestDelivered', data: { requestId: 'req-1', at: at(21), engagementId: 'eng-1' } }),
      f.requestEvent('req-1', { type: 'RequestFollowUpRecorded', data: { requestId: 'req-1', at: at(22), needMet: 'partly', comment: null } } as never, 'state'),
      f.requestEvent('req-1', { type: 'RequestFollowUpRecorded', data: { requestId: 'req-1', at: at(23), needMet: 'yes' } } as never, 'state'),
      f.requestEvent('req-1', { type: 'RequestClosed', data: { requestId: 'req-1', at: at(24) } }, 'secretariat'),
      f.offerEvent('off-2', { type: 'OfferExpired', data: { offerId: 'off-2', at: at(25) } }),
    );
    await h.append(fixtures);
    // What the deciders would not write: the rules at their edges.
    await appendRaw(engagementStreamId('eng-2'), { type: 'EngagementAccepted', data: { engagementId: 'eng-2', requestId: 'req-2', offerId: 'off-2', at: at(30) } }); // a listed key missing
    await appendRaw(engagementStreamId('eng-2'), { type: 'EngagementAgreed', data: { engagementId: 42, requestId: 'req-2', offerId: 'off-2', at: at(31) } }); // not listed, engagementId not a string
    await appendRaw(requestStreamId('req-2'), { type: 'RequestDeclined', data: { requestId: 'req-2', at: at(32), reason: 42 } }); // reason not a string
    await appendRaw(requestStreamId('req-2'), { type: 'RequestClosed', data: { requestId: 'req-2', at: at(33) }, occurredAt: '2025-03-01T10:00:00.123456Z' }); // microseconds
    await appendRaw(requestStreamId('req-2'), { type: 'RequestClosed', data: { requestId: 'req-2', at: at(34) }, occurredAt: '2025-03-01T12:00:00.5+02:00' }); // an offset
    await appendRaw(requestStreamId('req-2'), { type: 'RequestClosed', data: { requestId: 'req-2', at: at(35) }, id: randomUUID().toUpperCase() }); // an upper-case id
    await appendRaw(requestStreamId('req-2'), { type: 'RequestClosed', data: { requestId: 'req-2', at: at(36) }, schemaVersion: 2 }); // another schema version: none
    await appendRaw(requestStreamId('req-5'), { type: 'RequestSubmitted', data: { ...v1Submission('req-5'), at: at(36) } }); // stored at v1: a row
    await appendRaw(requestStreamId('req-5'), { type: 'RequestSubmitted', data: { requestId: 'req-5', at: at(36), country: 'KE' }, schemaVersion: 3 }); // a version newer than the code: none
    await appendRaw(requestStreamId('req-5'), { type: 'RequestAccessChanged', data: { requestId: 'req-5', at: at(36), restricted: true, reason: 'ministry' } }); // with its reason
    await appendRaw(requestStreamId('req-2'), { type: 'RequestArchived', data: { requestId: 'req-2', at: at(37) } }); // not a case event: none
    await appendRaw(requestStreamId('req-9'), { type: 'RequestClosed', data: { requestId: 9, at: at(38) } }); // requestId not a string: none
    await appendRaw(offerStreamId('off-9'), { type: 'OfferExpired', data: ['off-9'] }); // data not an object: none
    // The projector fills the table (up to this last event, and so every one before it).
    await h.project([f.requestEvent('req-2', { type: 'RequestClosed', data: { requestId: 'req-2', at: at(40) } })]);

    const log = await wholeLog();
    const expected = log.reduce<readonly RequestHistoryRow[]>(foldRequestHistory, []);
    const actual = await tableRows();
    expect(actual).toEqual(expected);

    // The log is as varied as meant: rows of every kind of event about a request, and events with none.
    expect(new Set(expected.map((r) => r.eventType))).toEqual(
      new Set([
        'RequestSubmitted', 'RequestTriaged', 'RequestReturnedForClarification', 'RequestClarificationProvided', 'RequestMatched', 'RequestDeliveryStarted',
        'RequestDelivered', 'RequestFollowUpRecorded', 'RequestDeclined', 'RequestWithdrawn', 'RequestClosed', 'EngagementProposed', 'EngagementAccepted',
        'EngagementAgreed', 'EngagementDeclined', 'EngagementActivated', 'EngagementCancelled', 'EngagementCompleted', 'MilestonePlanned', 'MilestoneReported',
        'MilestoneConfirmed', 'MilestoneDisputed', 'MilestoneRescheduled', 'RequestAccessChanged', 'RequestTextTranslated', 'EngagementTextTranslated',
      ]),
    );
    const withRow = new Set(expected.map((r) => r.eventId));
    expect(log.filter((e) => !withRow.has(e.id)).map((e) => `${e.type}/${e.schemaVersion}`).sort()).toEqual(
      [
        ...['OfferRegistered/1', 'OfferRegistered/1', 'OfferRegistered/1', 'CapacityCommitted/1', 'CapacityCommitted/1', 'CapacityReleased/1'],
        ...['OfferWithdrawn/1', 'OfferExpired/1', 'OfferExpired/1', 'RequestClosed/2', 'RequestArchived/1', 'RequestClosed/1', 'RequestSubmitted/3'],
        ...['OfferTextTranslated/1', 'OfferTextTranslated/1'],
      ].sort(),
    );
    expect(expected.filter((r) => r.reason !== null).length).toBeGreaterThan(3);
    expect(expected.find((r) => r.occurredAt === '2025-03-01T10:00:00.123Z')).toBeDefined();
    expect(expected.find((r) => r.occurredAt === '2025-03-01T10:00:00.500Z')).toBeDefined();
    expect(JSON.stringify(actual)).not.toMatch(/jane@example\.org|Wanjiru/);
    expect(actual.filter((r) => r.requestId === 'req-5').map((r) => [r.eventType, r.details, r.reason])).toEqual([
      ['RequestSubmitted', { country: 'KE', articles: ['art-9'], taTypes: [] }, null],
      ['RequestAccessChanged', { restricted: true }, 'ministry'],
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { ExpectedVersion, openPostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations, withTransaction } from '@ta/postgres';
import { directoryMigrations, DirectoryQueries, organisationStreamId, projectDirectoryBatch, type OrganisationEvent } from '@ta/directory';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';

/**
 * The directory's read model on real PostgreSQL: the rows the projector writes event by event
 * are the rows a rebuild writes in one batch (the same fold), and the queries read them.
 */

let db: TestDatabase;
let es: PostgresEventStoreHandle;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  es = await openPostgresEventStore(db.pool);
  await runMigrations(db.pool, directoryMigrations);
});
afterAll(() => db.drop());

const AT = '2026-03-01T09:00:00.000Z';
const CONTACT = { name: 'Amina Njoroge', email: 'amina@example.go.ke', phone: null };
const HISTORY: OrganisationEvent[] = [
  { type: 'OrganisationProposed', data: { organisationId: 'donor-giz', at: AT, kind: 'donor_agency', country: 'DE', iatiIdentifier: null, names: { en: 'GIZ', fr: 'GIZ (fr)' }, addresses: [], website: null } },
  {
    type: 'AuthorityNotified',
    data: {
      organisationId: 'ke-eacc',
      at: AT,
      country: 'KE',
      iatiIdentifier: null,
      names: { en: 'Ethics and Anti-Corruption Commission' },
      addresses: ['Nairobi'],
      website: 'https://eacc.go.ke',
      articles: ['art-6'],
      taTypes: ['c2-capacity-building'],
      languages: ['en'],
      notifiedOn: '2026-01-15',
      channel: 'state',
      noteVerbale: null,
      contactPoint: CONTACT,
    },
  },
  { type: 'OrganisationVerified', data: { organisationId: 'donor-giz', at: AT } },
  {
    type: 'AuthorityNotificationChanged',
    data: {
      organisationId: 'ke-eacc',
      at: '2026-03-02T09:00:00.000Z',
      names: { en: 'Ethics and Anti-Corruption Commission', fr: "Commission d'éthique" },
      addresses: ['Nairobi'],
      website: 'https://eacc.go.ke',
      articles: ['art-6', 'art-9'],
      taTypes: ['c2-capacity-building'],
      languages: ['en', 'fr'],
      notifiedOn: '2026-02-20',
      channel: 'note_verbale',
      noteVerbale: 'NV/KE/2026/7',
      contactPoint: CONTACT,
    },
  },
  { type: 'ProviderIdsMapped', data: { organisationId: 'donor-giz', at: AT, providerIds: ['giz'] } },
  { type: 'OrganisationSuspended', data: { organisationId: 'donor-giz', at: '2026-03-03T09:00:00.000Z', reason: 'Under review' } },
];

async function appendHistory(): Promise<void> {
  for (const e of HISTORY) {
    await es.store.append(
      organisationStreamId(e.data.organisationId),
      [{ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { actorId: 'a', actorRole: 'secretariat', correlationId: randomUUID(), causationId: null, occurredAt: e.data.at } }],
      ExpectedVersion.any,
    );
  }
}

const snapshot = async () => ({
  organisations: (await db.pool.query('SELECT * FROM directory.organisations ORDER BY id')).rows,
  providerIds: (await db.pool.query('SELECT * FROM directory.provider_ids ORDER BY provider_id')).rows,
});
const clear = () => db.pool.query('TRUNCATE directory.organisations, directory.provider_ids');

it('gives the same rows event by event (live) and in one batch (rebuild), and the queries read them', async () => {
  await appendHistory();
  const events = await es.store.readStream(organisationStreamId('donor-giz')).then(async (a) => [...a, ...(await es.store.readStream(organisationStreamId('ke-eacc')))]);
  events.sort((a, b) => a.globalPosition - b.globalPosition);
  expect(events).toHaveLength(HISTORY.length);

  for (const e of events) await withTransaction(db.pool, (tx) => projectDirectoryBatch([e], tx));
  const live = await snapshot();
  await clear();
  await withTransaction(db.pool, (tx) => projectDirectoryBatch(events, tx));
  expect(await snapshot()).toEqual(live);

  expect(live.organisations.map((r) => [r.id, r.status, r.version])).toEqual([
    ['donor-giz', 'suspended', 4],
    ['ke-eacc', 'verified', 2],
  ]);
  expect(live.providerIds.map((r) => [r.provider_id, r.organisation_id])).toEqual([['giz', 'donor-giz']]);

  const q = new DirectoryQueries(db.pool);
  const eacc = await q.organisation('ke-eacc', 'fr');
  expect(eacc).toMatchObject({
    name: "Commission d'éthique",
    kind: 'national_authority',
    authority: { articles: ['art-6', 'art-9'], notifiedOn: '2026-02-20', channel: 'note_verbale', noteVerbale: 'NV/KE/2026/7', contactPoint: CONTACT, withdrawnOn: null },
  });
  expect((await q.authorities({ article: 'art-9' })).items.map((a) => a.id)).toEqual(['ke-eacc']);
  expect((await q.authorities({ article: 'art-10' })).items).toEqual([]);
  expect((await q.authorities({ region: '014' })).items.map((a) => a.id)).toEqual(['ke-eacc']); // Eastern Africa
  expect((await q.authorities({ region: '155' })).items).toEqual([]); // Western Europe
  expect((await q.organisations({ q: 'ETHICS' })).items.map((a) => a.id)).toEqual(['ke-eacc']);
  expect((await q.organisations({ kind: 'donor_agency', status: 'suspended' })).total).toBe(1);
  const pub = await q.publicAuthorities({ country: 'KE' });
  expect(pub).toHaveLength(1);
  expect(JSON.stringify(pub)).not.toMatch(/Amina|example\.go\.ke/);
  expect(await q.namesOf(['giz', 'ke-eacc', 'nobody'], 'fr')).toEqual({ giz: 'GIZ (fr)', 'ke-eacc': "Commission d'éthique" });
});

// 005-request-sources-consent brings a requests table of the older shape (finding_ref, no
// sources, no state_priority) up to the current one from its own rows, and does nothing on a
// database created at the current shape.
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { coordinationMigrations } from './coordination.migrations';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
  await runMigrations(db.pool, coordinationMigrations);
});
afterAll(() => db?.drop());

const columns = async () =>
  (await db.pool.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'coordination' AND table_name = 'requests' ORDER BY column_name`)).rows.map(
    (r) => r.column_name,
  );

const row = (id: string, findingRef: unknown) => [
  id,
  JSON.stringify({ en: 't' }),
  findingRef === null ? null : JSON.stringify(findingRef),
];

it('turns finding_ref into sources in place and adds state_priority; runs again as a no-op', async () => {
  const current = await columns();
  expect(current).toEqual(expect.arrayContaining(['sources', 'state_priority']));
  expect(current).not.toContain('finding_ref');

  // The table as it was before the migration, with two rows, and the migration not yet run.
  await db.pool.query(`ALTER TABLE coordination.requests DROP COLUMN sources, DROP COLUMN state_priority, ADD COLUMN finding_ref jsonb`);
  await db.pool.query(`DELETE FROM public.schema_migrations WHERE owner = 'coordination' AND id = '005-request-sources-consent'`);
  for (const values of [row('r-old-1', { reviewCycle: 1, reference: 'Checklist, art. 9' }), row('r-old-2', null)]) {
    await db.pool.query(
      `INSERT INTO coordination.requests (request_id, country, title, beneficiary_institution, institution_key, articles, ta_types, classified, status, restricted,
         preferred_languages, finding_ref, submitted_at, submitted_by, status_since, engagement_ids, live_engagements, updated_at, position)
       VALUES ($1, 'KE', $2, 'i', 'i', '{art-9}', '{}', false, 'submitted', false, '{en}', $3, now(), 'focal', now(), '{}', 0, now(), 1)`,
      values,
    );
  }

  await runMigrations(db.pool, coordinationMigrations);
  expect(await columns()).toEqual(current);
  const { rows } = await db.pool.query('SELECT request_id, sources, state_priority FROM coordination.requests ORDER BY request_id');
  expect(rows).toEqual([
    { request_id: 'r-old-1', sources: [{ kind: 'cited-finding', cycle: 1, reference: 'Checklist, art. 9', chapter: null }], state_priority: null },
    { request_id: 'r-old-2', sources: [], state_priority: null },
  ]);

  // Once more, on the current shape: nothing changes.
  await db.pool.query(`DELETE FROM public.schema_migrations WHERE owner = 'coordination' AND id = '005-request-sources-consent'`);
  await runMigrations(db.pool, coordinationMigrations);
  expect((await db.pool.query('SELECT request_id, sources FROM coordination.requests ORDER BY request_id')).rows).toEqual(rows.map(({ request_id, sources }) => ({ request_id, sources })));
});

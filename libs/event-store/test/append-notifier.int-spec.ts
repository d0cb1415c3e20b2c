// The append notifier's LISTEN connection lost (a database restart ends every session): it
// listens again by itself, so that the consumers are woken by appends again, not only by
// their poll.
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { APPEND_CHANNEL, AppendNotifier } from '../src/postgres/append-notifier';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function listeners(): Promise<number[]> {
  const { rows } = await db.pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %' AND pid <> pg_backend_pid()",
  );
  return rows.map((r) => r.pid);
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the append notifier after its connection was lost', () => {
  it('listens again and wakes its subscribers on the next append from another process', async () => {
    const notifier = new AppendNotifier(db.pool);
    let woken = 0;
    const unsubscribe = notifier.onAppended(() => woken++);
    try {
      await until(async () => (await listeners()).length === 1, 5_000);
      const [first] = await listeners();
      await db.pool.query('SELECT pg_terminate_backend($1)', [first]);
      await until(async () => {
        const now = await listeners();
        return now.length === 1 && now[0] !== first;
      }, 5_000);
      const before = woken;
      await db.pool.query(`NOTIFY ${APPEND_CHANNEL}`); // as another process's append does
      await until(() => woken > before, 5_000);
    } finally {
      unsubscribe();
      await notifier.close();
    }
  });
});

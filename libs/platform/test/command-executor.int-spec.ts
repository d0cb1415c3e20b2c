import { IllegalStateError, type Decider } from '@ta/core';
import { openPostgresEventStore, type PostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { CommandExecutor, commandMigrations, type CommandContext, type CommandSpec } from '../src/commands/command-executor';

// The command executor on a real PostgreSQL: the interleavings of duplicates that a test over
// HTTP meets only by chance, made to happen every time.

type Event = { type: 'Opened'; data: { id: string } } | { type: 'Closed'; data: { id: string } };
type State = 'none' | 'open' | 'closed';
const door: Decider<'open' | 'close', Event, State> = {
  initialState: () => 'none',
  evolve: (_s, e) => (e.type === 'Opened' ? 'open' : 'closed'),
  decide: (command, state) => {
    if (command === 'open') return state === 'none' ? [{ type: 'Opened', data: { id: 'd1' } }] : [];
    if (state !== 'open') throw new IllegalStateError('door.not_open', `the door is ${state}`);
    return [{ type: 'Closed', data: { id: 'd1' } }];
  },
};

let db: TestDatabase;
let es: PostgresEventStoreHandle;
beforeEach(async () => {
  db = await createTestDatabase();
  es = await openPostgresEventStore(db.pool);
  await runMigrations(db.pool, commandMigrations);
});
afterEach(async () => {
  await es.close();
  await db.drop();
});

const ctx: CommandContext = { actor: { id: 'sec-1', role: 'secretariat' }, idempotencyKey: 'close-d1', requestFingerprint: { route: 'close', id: 'd1' } };
const spec = (command: 'open' | 'close'): CommandSpec<'open' | 'close', Event, State> => ({
  decider: door,
  streamId: 'door-d1',
  command,
  schemaVersions: {},
  ...(command === 'close' ? { notFoundCode: 'door.not_found' } : {}),
});

/** The store, with the next stream read held until `release` is called. */
function heldStore(store: PostgresEventStore): { store: PostgresEventStore; reading: Promise<void>; release: () => void } {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reading = new Promise<void>((r) => (reached = r));
  let held = false;
  const wrapped = Object.create(store) as PostgresEventStore;
  wrapped.readStreamWith = async (client, streamId) => {
    if (!held) {
      held = true;
      reached();
      await gate;
    }
    return store.readStreamWith(client, streamId);
  };
  return { store: wrapped, reading, release };
}

describe('CommandExecutor with an Idempotency-Key', () => {
  it('a duplicate that read the key before the first committed and the stream after: the first answer, not a refusal', async () => {
    const plain = new CommandExecutor(db.pool, es.store);
    await plain.execute(spec('open'), { actor: ctx.actor });
    const held = heldStore(es.store);
    const late = new CommandExecutor(db.pool, held.store);
    const second = late.execute(spec('close'), ctx); // reads the key (none yet), then waits before the stream
    await held.reading;
    const first = await plain.execute(spec('close'), ctx); // closes the door, stores its answer
    held.release(); // the second now reads a closed door: its decider refuses
    const replay = await second;
    expect(replay).toEqual({ ...first, replayed: true });
    const { rows } = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM event_store.events WHERE stream_id = 'door-d1'");
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('without a key, the same interleaving is the refusal it is', async () => {
    const plain = new CommandExecutor(db.pool, es.store);
    await plain.execute(spec('open'), { actor: ctx.actor });
    const held = heldStore(es.store);
    const late = new CommandExecutor(db.pool, held.store);
    const { idempotencyKey: _none, ...noKey } = ctx;
    const second = late.execute(spec('close'), noKey);
    await held.reading;
    await plain.execute(spec('close'), noKey);
    held.release();
    await expect(second).rejects.toMatchObject({ code: 'door.not_open' });
  });
});

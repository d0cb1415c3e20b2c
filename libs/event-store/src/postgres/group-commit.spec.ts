import { GroupCommitter, type AppendRequest, type GroupRunner } from './group-commit';

/** A runner whose calls the test settles by hand. */
function manualRunner() {
  const calls: Array<{ kind: 'one' | 'group'; streams: string[]; settle(outcome?: unknown): void; fail(e: unknown): void }> = [];
  const runner: GroupRunner<string> = {
    one: (a) =>
      new Promise((resolve, reject) =>
        calls.push({ kind: 'one', streams: [a.streamId], settle: () => resolve(`one:${a.streamId}`), fail: reject }),
      ),
    group: (as) =>
      new Promise((resolve, reject) =>
        calls.push({
          kind: 'group',
          streams: as.map((a) => a.streamId),
          settle: (refused) =>
            resolve(as.map((a) => (a.streamId === refused ? { ok: false as const, error: new Error(`conflict:${a.streamId}`) } : { ok: true as const, result: `group:${a.streamId}` }))),
          fail: reject,
        }),
      ),
  };
  return { runner, calls };
}

const append = (streamId: string, eventCount = 1): AppendRequest => ({
  streamId,
  expectedKind: 'any',
  expectedVersion: null,
  payload: '[]',
  eventCount,
});
const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommitter', () => {
  it('sends an append at once and alone when nothing is running', async () => {
    const { runner, calls } = manualRunner();
    const c = new GroupCommitter(runner, { maxInFlight: 1 });
    const p = c.submit(append('a'));
    expect(calls.map((x) => [x.kind, x.streams])).toEqual([['one', ['a']]]);
    calls[0]!.settle();
    await expect(p).resolves.toBe('one:a');
  });

  it('queues appends while maxInFlight groups run, then sends everything queued as one group', async () => {
    const { runner, calls } = manualRunner();
    const c = new GroupCommitter(runner, { maxInFlight: 2 });
    const ps = ['a', 'b', 'c', 'd', 'e'].map((s) => c.submit(append(s)));
    expect(calls.map((x) => x.streams)).toEqual([['a'], ['b']]);
    expect(c.waiting).toBe(3);
    calls[0]!.settle();
    await tick();
    expect(calls.map((x) => [x.kind, x.streams])).toEqual([
      ['one', ['a']],
      ['one', ['b']],
      ['group', ['c', 'd', 'e']],
    ]);
    calls[1]!.settle();
    calls[2]!.settle('d');
    await expect(Promise.allSettled(ps)).resolves.toEqual([
      { status: 'fulfilled', value: 'one:a' },
      { status: 'fulfilled', value: 'one:b' },
      { status: 'fulfilled', value: 'group:c' },
      { status: 'rejected', reason: new Error('conflict:d') },
      { status: 'fulfilled', value: 'group:e' },
    ]);
  });

  it('cuts a group at maxEvents events (an append larger than that still goes, alone)', async () => {
    const { runner, calls } = manualRunner();
    const c = new GroupCommitter(runner, { maxInFlight: 1, maxEvents: 10 });
    void c.submit(append('first'));
    void c.submit(append('a', 4));
    void c.submit(append('b', 6));
    void c.submit(append('c', 1));
    void c.submit(append('big', 50));
    calls[0]!.settle();
    await tick();
    expect(calls.at(-1)!.streams).toEqual(['a', 'b']);
    calls.at(-1)!.settle();
    await tick();
    expect(calls.at(-1)!.streams).toEqual(['c']);
    calls.at(-1)!.settle();
    await tick();
    expect(calls.at(-1)!.streams).toEqual(['big']);
  });

  it('retries each append of a group alone when the server refused the group (an error with a SQLSTATE)', async () => {
    const { runner, calls } = manualRunner();
    const c = new GroupCommitter(runner, { maxInFlight: 1 });
    const ps = ['x', 'a', 'b'].map((s) => c.submit(append(s)));
    calls[0]!.settle();
    await tick();
    calls[1]!.fail(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await tick();
    expect(calls.slice(2).map((x) => [x.kind, x.streams])).toEqual([
      ['one', ['a']],
      ['one', ['b']],
    ]);
    calls[2]!.fail(new Error('a: duplicate'));
    calls[3]!.settle();
    await expect(Promise.allSettled(ps.slice(1))).resolves.toEqual([
      { status: 'rejected', reason: new Error('a: duplicate') },
      { status: 'fulfilled', value: 'one:b' },
    ]);
  });

  it('does not retry when the outcome is unknown (no SQLSTATE: the connection failed): every append of the group gets the error', async () => {
    const { runner, calls } = manualRunner();
    const c = new GroupCommitter(runner, { maxInFlight: 1 });
    const ps = ['x', 'a', 'b'].map((s) => c.submit(append(s)));
    calls[0]!.settle();
    await tick();
    const lost = new Error('Connection terminated unexpectedly');
    calls[1]!.fail(lost);
    const results = await Promise.allSettled(ps.slice(1));
    expect(results).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
    expect(calls).toHaveLength(2);
  });

  it('refuses nonsense options', () => {
    const { runner } = manualRunner();
    expect(() => new GroupCommitter(runner, { maxInFlight: 0 })).toThrow(RangeError);
    expect(() => new GroupCommitter(runner, { maxEvents: 1.5 })).toThrow(RangeError);
  });
});

import { LivePositions } from './live-positions';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('LivePositions', () => {
  it('announces the head only once the read models have reached it', async () => {
    let head = 7;
    let checkpoint = 3;
    const seen: number[] = [];
    const p = new LivePositions({ head: async () => ({ commit: '1', position: head }), reached: async (g) => checkpoint >= g, pollMs: 1 });
    p.subscribe((g) => seen.push(g));
    p.wake();
    await tick();
    expect(seen).toEqual([]);
    checkpoint = 7;
    await tick();
    expect(seen).toEqual([7]);
    head = 9;
    checkpoint = 9;
    p.wake();
    p.wake(); // coalesced: one more round, no duplicate announcement
    await tick();
    await tick();
    expect(seen).toEqual([7, 9]);
    p.stop();
  });

  it('while someone listens, finds appends that sent no wake-up', async () => {
    let head = 0;
    const seen: number[] = [];
    const p = new LivePositions({ head: async () => ({ commit: '1', position: head }), reached: async () => true, idlePollMs: 2 });
    p.subscribe((g) => seen.push(g));
    p.start();
    head = 4;
    await tick();
    await tick();
    expect(seen).toEqual([4]);
    p.stop();
  });

  it('announces nothing for an empty log', async () => {
    const seen: number[] = [];
    const p = new LivePositions({ head: async () => ({ commit: '0', position: 0 }), reached: async () => true });
    p.subscribe((g) => seen.push(g));
    p.wake();
    await tick();
    expect(seen).toEqual([]);
  });
});

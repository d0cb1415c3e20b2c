import type { ConsumerStatus } from '@ta/event-store';
import { ConsumerRegistry, type ProcessConsumer } from './consumer-registry';

function consumer(name: string): ProcessConsumer & { starts: number } {
  const c = {
    starts: 0,
    running: false,
    start() {
      c.starts++;
      c.running = true;
    },
    async stop() {
      c.running = false;
    },
    async status(): Promise<ConsumerStatus> {
      return { name, running: c.running, active: c.running, checkpoint: { commit: '0', position: 0 }, head: { commit: '0', position: 0 }, lagEvents: 0, updatedAt: null };
    },
  };
  return c;
}

describe('the consumers of a process', () => {
  it('are started together, and stopped and started again', async () => {
    const registry = new ConsumerRegistry();
    const a = registry.register(consumer('a'));
    const b = registry.register(consumer('b'));
    registry.startAll();
    expect([a.starts, b.starts]).toEqual([1, 1]);
    await registry.stopAll();
    expect((await registry.statuses()).map((s) => s.running)).toEqual([false, false]);
    registry.startAll();
    expect((await registry.statuses()).map((s) => s.running)).toEqual([true, true]);
  });

  it('refuse a consumer registered after the start: it would never run', () => {
    const registry = new ConsumerRegistry();
    registry.register(consumer('early'));
    registry.startAll();
    expect(() => registry.register(consumer('late'))).toThrow(/registered after the process started its consumers/);
  });
});

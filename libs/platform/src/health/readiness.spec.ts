import type { ConsumerStatus } from '@ta/event-store';
import { LagWatch } from './readiness';

const status = (overrides: Partial<ConsumerStatus> = {}): ConsumerStatus => ({
  name: 'projector',
  running: true,
  active: true,
  checkpoint: { commit: '1', position: 1 },
  head: { commit: '1', position: 1 },
  lagEvents: 0,
  updatedAt: null,
  ...overrides,
});

describe("readiness of a process's consumers", () => {
  const watch = () => new LagWatch({ maxLagEvents: 100, maxLagMs: 30_000 });

  it('a consumer that keeps up is up', () => {
    expect(watch().judge([status({ lagEvents: 100 })], 0)).toEqual({ 'consumer:projector': { status: 'up' } });
  });

  it('a consumer that is not running is down at once', () => {
    expect(watch().judge([status({ running: false })], 0)).toEqual({ 'consumer:projector': { status: 'down', detail: 'not running' } });
  });

  it('a lag above the bound is up until it has lasted the configured time, then down', () => {
    const w = watch();
    expect(w.judge([status({ lagEvents: 101 })], 1_000)['consumer:projector']).toEqual({ status: 'up', detail: '101 events behind (bound 100) for 0 s' });
    expect(w.judge([status({ lagEvents: 5_000 })], 30_999)['consumer:projector']!.status).toBe('up');
    expect(w.judge([status({ lagEvents: 5_000, lastError: { message: 'deadlock detected', at: new Date(0) } })], 31_000)['consumer:projector']).toEqual({
      status: 'down',
      detail: '5000 events behind (bound 100) for 30 s, longer than 30 s; last error: deadlock detected',
    });
  });

  it('a lag that falls back under the bound starts the clock again', () => {
    const w = watch();
    w.judge([status({ lagEvents: 500 })], 0);
    w.judge([status({ lagEvents: 10 })], 20_000);
    expect(w.judge([status({ lagEvents: 500 })], 40_000)['consumer:projector']!.status).toBe('up');
    expect(w.judge([status({ lagEvents: 500 })], 70_000)['consumer:projector']!.status).toBe('down');
  });

  it("a standby's lag is the active instance's to report", () => {
    const w = watch();
    w.judge([status({ active: false, lagEvents: 5_000 })], 0);
    expect(w.judge([status({ active: false, lagEvents: 5_000 })], 60_000)).toEqual({ 'consumer:projector': { status: 'up', detail: 'standby' } });
  });

  it('each consumer is judged on its own', () => {
    const w = watch();
    w.judge([status({ name: 'a', lagEvents: 500 }), status({ name: 'b' })], 0);
    expect(w.judge([status({ name: 'a', lagEvents: 500 }), status({ name: 'b', running: false })], 30_000)).toEqual({
      'consumer:a': { status: 'down', detail: '500 events behind (bound 100) for 30 s, longer than 30 s' },
      'consumer:b': { status: 'down', detail: 'not running' },
    });
  });
});

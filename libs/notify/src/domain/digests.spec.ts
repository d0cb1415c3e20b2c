import { nextDigestAt } from './digests';

describe('digest times', () => {
  it('daily: the next midnight UTC, strictly after now', () => {
    expect(nextDigestAt('daily', new Date('2026-03-04T13:00:00Z')).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(nextDigestAt('daily', new Date('2026-03-05T00:00:00Z')).toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });

  it('weekly: the next Monday at midnight UTC, strictly after now', () => {
    // 2026-03-04 is a Wednesday, 2026-03-09 a Monday
    expect(nextDigestAt('weekly', new Date('2026-03-04T13:00:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(nextDigestAt('weekly', new Date('2026-03-08T23:59:59Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(nextDigestAt('weekly', new Date('2026-03-09T00:00:00Z')).toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });
});

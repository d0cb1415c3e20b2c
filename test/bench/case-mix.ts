import type { PostgresEventStore } from '@ta/event-store';
import { appendCases } from '../../libs/coordination/test/bulk-append';
import { f, wholeCase, type Fixture } from '../../libs/coordination/test/case-fixtures';

/*
 * The case mix of `bench:projections` (and `bench:as-of`, which answers views over the same log).
 */

/** A realistic mix: delivered cases, cases in delivery, declined matches, withdrawn requests. */
function benchCase(n: number): Fixture[] {
  const kind = n % 10;
  const at = (m: number) => new Date(Date.parse('2025-01-01T08:00:00Z') + n * 60_000 + m * 60_000).toISOString();
  const r = `req-${n}`;
  const o = `off-${n}`;
  const e = `eng-${n}`;
  const ref = { engagementId: e, requestId: r, offerId: o };
  if (kind < 5) {
    return [
      ...wholeCase(n),
      f.engagementEvent(e, { type: 'MilestoneReported', data: { ...ref, at: at(100), milestoneId: 'm2' } }, 'donor'),
      f.engagementEvent(e, { type: 'MilestoneConfirmed', data: { ...ref, at: at(101), milestoneId: 'm2' } }, 'state'),
      f.engagementEvent(e, { type: 'MilestoneReported', data: { ...ref, at: at(102), milestoneId: 'm3' } }, 'donor'),
      f.engagementEvent(e, { type: 'MilestoneConfirmed', data: { ...ref, at: at(103), milestoneId: 'm3' } }, 'state'),
      f.engagementEvent(e, { type: 'EngagementCompleted', data: { ...ref, at: at(104) } }, 'secretariat'),
      f.requestEvent(r, { type: 'RequestDelivered', data: { requestId: r, at: at(104), engagementId: e } }),
    ];
  }
  if (kind < 7) {
    return [
      f.submitted(r, at(0), { country: ['KE', 'PE', 'VN'][n % 3]! }),
      f.triaged(r, at(1)),
      f.offer(o, at(2), { providerId: `donor-${n % 40}`, days: 60 }),
      f.proposed({ ...ref, at: at(3), days: true, amount: 20, providerId: `donor-${n % 40}` }),
      f.engagementEvent(e, { type: 'EngagementDeclined', data: { ...ref, at: at(4), party: 'state', reason: 'timing does not fit' } }, 'state'),
    ];
  }
  if (kind < 8) {
    return [
      f.submitted(r, at(0), { country: 'UA' }),
      f.requestEvent(r, { type: 'RequestReturnedForClarification', data: { requestId: r, at: at(1), question: { en: 'Which institution?' } } }, 'secretariat'),
      f.requestEvent(r, { type: 'RequestClarificationProvided', data: { requestId: r, at: at(2), answer: { en: 'The anti-corruption agency' } } }, 'state'),
      f.triaged(r, at(3)),
      f.requestEvent(r, { type: 'RequestWithdrawn', data: { requestId: r, at: at(4), reason: 'funded nationally' } }, 'state'),
    ];
  }
  return wholeCase(n);
}

/**
 * Appends cases of the mix from case `fromCase` until `events` events; returns the next case
 * number. Cases go in batches of 20,000 events, each case's events per stream in one append, 12
 * cases at a time; `interleaved`: batches of 200,000 events (about 14,000 cases, a fifth of a
 * 1,000,000-event log), each event its own append, the cases' lives interleaved over the batch
 * (`appendCases`): a case lives through a fifth of the log, as cases live for months.
 */
export async function generate(store: PostgresEventStore, fromCase: number, events: number, interleaved = false): Promise<number> {
  let n = fromCase;
  let total = 0;
  const batch = interleaved ? 200_000 : 20_000;
  while (total < events) {
    const chunk: Fixture[][] = [];
    for (let count = 0; count < batch && total + count < events; ) {
      const c = benchCase(n++);
      chunk.push(c);
      count += c.length;
    }
    total += await appendCases(store, chunk, interleaved ? 64 : 12, interleaved);
  }
  return n;
}

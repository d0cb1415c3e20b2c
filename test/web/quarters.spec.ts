import { quarterDays } from '../../apps/web/src/lib/quarters';

describe('quarterDays: the dates a quarter of the trends opens the requests list with', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q2', '2026-04-01', '2026-07-01'],
    ['2026-Q3', '2026-07-01', '2026-10-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
  ])('%s runs from %s up to %s', (quarter, from, to) => {
    expect(quarterDays(quarter)).toEqual({ from, to });
  });

  it.each(['2026-Q5', '2026-Q0', '2026', 'Q1-2026', ''])('refuses %p', (quarter) => {
    expect(quarterDays(quarter)).toBeNull();
  });
});

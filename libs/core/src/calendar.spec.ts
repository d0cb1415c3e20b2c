import { isCalendarDate, parseCalendarInstant } from './calendar';

describe('calendar dates', () => {
  it.each([['2024-02-29'], ['2000-02-29'], ['0001-01-01'], ['9999-12-31'], ['2025-12-31']])('%s is a real day', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each([['2026-02-29'], ['1900-02-29'], ['2026-02-31'], ['2025-04-31'], ['2025-13-01'], ['2025-00-10'], ['2025-01-00'], ['0000-01-01'], ['2025-1-1'], ['20250101'], ['2025-01-01T00:00:00Z'], [' 2025-01-01']])(
    '%s is not',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
    },
  );

  it('is false for anything but a string', () => {
    for (const v of [20250101, null, undefined, new Date(), ['2025-01-01']]) expect(isCalendarDate(v)).toBe(false);
  });
});

describe('calendar instants', () => {
  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2025-03-01T09:30:00Z', '2025-03-01T09:30:00.000Z'],
    ['2025-03-01T09:30Z', '2025-03-01T09:30:00.000Z'],
    ['2025-03-01T12:30:00.123456789+03:00', '2025-03-01T09:30:00.123Z'],
    ['2025-03-01T00:30:00-05:30', '2025-03-01T06:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('%s is %s', (v, iso) => {
    expect(parseCalendarInstant(v)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-02-31T00:00:00Z', 'a day that does not exist'],
    ['2026-02-29', 'no leap day in 2026'],
    ['2026-01-01T24:00:00Z', 'hour 24'],
    ['2026-01-01T23:60:00Z', 'minute 60'],
    ['2026-01-01T23:59:60Z', 'a leap second'],
    ['2026-01-01T00:00:00+25:00', 'an offset of 25 hours'],
    ['2026-01-01T00:00:00+01:60', 'an offset of 60 minutes'],
    ['2026-01-01T00:00:00', 'no time zone'],
    ['0001-01-01T00:00:00+14:00', 'year 0 once in UTC'],
    ['9999-12-31T23:00:00-05:00', 'year 10000 once in UTC'],
    ['+002025-01-01', 'an expanded year'],
    ['2025-01-01T00:00:00ZZ', 'trailing characters'],
  ])('%s is refused (%s)', (v) => {
    expect(parseCalendarInstant(v)).toBeUndefined();
  });
});

/**
 * The one rule for calendar dates and instants the platform accepts from outside: real days of
 * the Gregorian calendar (no 2026-02-31, no 2025-13-01, 2024-02-29 but not 2026-02-29), years
 * 0001 to 9999 (PostgreSQL has no year 0: `0000-01-01` would be accepted here and refused when
 * a read model stores it). Nothing rolls over: JavaScript's `Date` would turn 2026-02-31 into
 * 2026-03-03, so components are checked before any `Date` is made.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const FIRST_MS = new Date('0001-01-01T00:00:00.000Z').getTime();
const LAST_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1]!;
}

/** `YYYY-MM-DD`, a real day, years 0001-9999. */
export function isCalendarDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A calendar date (`2025-03-01`, the start of that UTC day) or an ISO 8601 instant with a time
 * zone (`2025-03-01T09:30:00Z`, `2025-03-01T12:30+03:00`) as a Date; undefined when it is
 * anything else, names no real day or time (24:00, 23:60), has an impossible offset, or falls
 * outside the years 0001-9999 once in UTC.
 */
export function parseCalendarInstant(value: string): Date | undefined {
  if (DATE.test(value)) return isCalendarDate(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  const m = INSTANT.exec(value);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[9] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) || t < FIRST_MS || t > LAST_MS ? undefined : new Date(t);
}

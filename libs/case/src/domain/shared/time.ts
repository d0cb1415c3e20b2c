import { invalid } from './validation';
import { isCalendarDate, ValidationError } from '@ta/core';

/**
 * Time in the case domain comes with the commands, never from a clock:
 * - `at`: when the command happened, an ISO 8601 UTC timestamp (`2025-03-01T09:30:00Z`,
 *   optional fraction of seconds). UTC only, so that its calendar date is `at.slice(0, 10)`.
 * - dates (availability windows, due dates): ISO calendar dates `YYYY-MM-DD`, UTC days,
 *   windows inclusive at both ends.
 */
export type IsoTimestamp = string;
export type IsoDate = string;

export interface DateWindow {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?Z$/;

export function isIsoTimestamp(value: unknown): value is IsoTimestamp {
  const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  return m !== null && isCalendarDate(m[1]);
}

/** A real calendar day, years 0001-9999 (the platform's one rule: `isCalendarDate` in @ta/core). */
export function isIsoDate(value: unknown): value is IsoDate {
  return isCalendarDate(value);
}

export function assertTimestamp(value: unknown, path = '/at'): IsoTimestamp {
  if (!isIsoTimestamp(value)) throw invalid(path, 'must be an ISO 8601 UTC timestamp like 2025-03-01T09:30:00Z');
  return value;
}

export function assertDate(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) throw invalid(path, 'must be a date like 2025-03-01');
  return value;
}

/** A window of dates, `from` <= `to`; ValidationError `input.window_invalid` otherwise. */
export function assertWindow(value: unknown, path: string): DateWindow {
  if (typeof value !== 'object' || value === null) throw invalid(path, 'must be an object {from, to}');
  const { from, to } = value as Record<string, unknown>;
  const window = { from: assertDate(from, `${path}/from`), to: assertDate(to, `${path}/to`) };
  if (window.from > window.to) {
    const message = 'from must not be after to';
    throw new ValidationError('input.window_invalid', message, [{ path, message }]);
  }
  return window;
}

/** The UTC calendar date of a timestamp. */
export function dateOf(at: IsoTimestamp): IsoDate {
  return at.slice(0, 10);
}

export function isWithin(date: IsoDate, window: DateWindow): boolean {
  return window.from <= date && date <= window.to;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

import { ValidationError } from '@ta/core';

/**
 * Field checks shared by the case deciders. Each throws ValidationError with a stable code
 * and the offending input's path:
 * - `input.invalid`: a malformed field (missing id, bad timestamp or date, not a positive integer...)
 * - `input.reason_required`: a reason that is missing, blank or too long
 * - `input.window_invalid`: a date window whose `from` is after its `to`
 */
export const REASON_MAX_LENGTH = 1000;

export function invalid(path: string, message: string): ValidationError {
  return new ValidationError('input.invalid', `Invalid input at ${path}: ${message}`, [{ path, message }]);
}

export function assertId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) throw invalid(path, 'must be a non-empty id');
  return value;
}

export function assertText(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(path, 'must be a non-empty text');
  const text = value.trim();
  if ([...text].length > maxLength) throw invalid(path, `must be at most ${maxLength} characters`);
  return text;
}

/** A reason (why something was declined, withdrawn, cancelled, disputed...), trimmed. */
export function assertReason(value: unknown, path = '/reason'): string {
  if (typeof value !== 'string' || value.trim() === '' || [...value.trim()].length > REASON_MAX_LENGTH) {
    const message = `a reason of 1 to ${REASON_MAX_LENGTH} characters is required`;
    throw new ValidationError('input.reason_required', message, [{ path, message }]);
  }
  return value.trim();
}

export function assertPositiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw invalid(path, 'must be a positive integer');
  return value;
}

export function assertBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalid(path, 'must be true or false');
  return value;
}

export function assertOneOf<T extends string | number>(value: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value as T)) throw invalid(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function assertEmail(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw invalid(path, 'must be an email address');
  return value;
}

export function assertArray(value: unknown, path: string, options: { min: number }): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be a list');
  if (value.length < options.min) throw invalid(path, `must have at least ${options.min} item(s)`);
  return value;
}

/** Same codes, first occurrence kept: lists in events are free of duplicates. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

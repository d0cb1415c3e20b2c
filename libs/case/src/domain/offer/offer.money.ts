import { codelists, assertKnownCodes } from '@ta/codelists';
import { invalid } from '../shared/validation';

/**
 * Money in the case domain is an integer count of the currency's minor units (see
 * `Capacity`). These two functions convert at the edges, from and to the decimal strings
 * people and donors' systems use: `toMinorUnits('1250.5', 'USD') === 125050`,
 * `fromMinorUnits(125050, 'USD') === '1250.50'`, `fromMinorUnits(5000, 'JPY') === '5000'`.
 */
export function toMinorUnits(decimal: string, currency: string, path = '/amount'): number {
  const digits = minorUnit(currency, path);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  const fraction = match?.[2] ?? '';
  if (!match || fraction.length > digits) throw invalid(path, `must be a decimal amount with at most ${digits} decimal place(s) for ${currency}`);
  const minor = Number(match[1] + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw invalid(path, 'is too large');
  return minor;
}

export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorUnit(currency, '/currency');
  if (!Number.isSafeInteger(minor) || minor < 0) throw invalid('/amount', 'must be a non-negative integer of minor units');
  const text = String(minor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function minorUnit(currency: string, path: string): number {
  assertKnownCodes('currencies', currency, path.replace(/[^/]*$/, 'currency'));
  return codelists.get('currencies', currency)!.minorUnit;
}

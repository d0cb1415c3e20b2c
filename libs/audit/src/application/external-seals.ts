import { ValidationError } from '@ta/core';
import { LOG_SEALED } from '../domain';

/** A seal as a donor or a State kept it from `ta.audit.seals`. */
export interface ExternalSeal {
  readonly sealNo: number;
  readonly sealHash: string;
  readonly merkleRoot: string;
  readonly last: { readonly commitOrder: string; readonly globalPosition: string };
}

/**
 * Seals from a file kept outside the platform: a JSON array, or one JSON value per line, of
 * `ta.audit.seals` message values (LogSealed integration events), or of `{ value }` wrappers
 * around them (as many Kafka tools dump messages; `value` may itself be a JSON string).
 */
export function parseExternalSeals(text: string): ExternalSeal[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let items: unknown[];
  try {
    items = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (e) {
    throw new ValidationError('audit.invalid_seals_file', `seals file is not JSON: ${(e as Error).message}`);
  }
  return items.map((item, i) => toExternalSeal(item, i));
}

function toExternalSeal(item: unknown, index: number): ExternalSeal {
  let v = item as Record<string, unknown> | null;
  if (v && typeof v === 'object' && 'value' in v) v = (typeof v.value === 'string' ? JSON.parse(v.value) : v.value) as Record<string, unknown>;
  const bad = (why: string) => new ValidationError('audit.invalid_seals_file', `seal #${index + 1} in the seals file: ${why}`, [{ path: `/${index}`, message: why }]);
  if (!v || typeof v !== 'object' || v.type !== LOG_SEALED) throw bad(`not a ${LOG_SEALED} event`);
  const d = v.data as Record<string, unknown> | undefined;
  const last = d?.last as Record<string, unknown> | undefined;
  if (!d || !Number.isSafeInteger(d.sealNo) || typeof d.sealHash !== 'string' || typeof d.merkleRoot !== 'string' || !last) throw bad('sealNo, sealHash, merkleRoot or last missing');
  return {
    sealNo: d.sealNo as number,
    sealHash: d.sealHash.toLowerCase(),
    merkleRoot: d.merkleRoot.toLowerCase(),
    last: { commitOrder: String(last.commitOrder), globalPosition: String(last.globalPosition) },
  };
}

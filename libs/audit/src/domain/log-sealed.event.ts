import type { Seal } from './seal';

/** The stream the sealer appends one LogSealed event to per seal (stream position = seal number). */
export const AUDIT_SEALS_STREAM = 'audit-seals';
export const LOG_SEALED = 'LogSealed';
export const LOG_SEALED_SCHEMA_VERSION = 1;
/** Names the hashing scheme of docs/audit.md, so that a holder of seals knows how to check them. */
export const SEAL_SCHEME = 'ta-log-seal/1';

/** The domain event of a seal. Hashes are lowercase hex; positions as in the all-stream. */
export interface LogSealedData {
  readonly scheme: typeof SEAL_SCHEME;
  readonly sealNo: number;
  readonly first: { readonly commitOrder: string; readonly globalPosition: string };
  readonly last: { readonly commitOrder: string; readonly globalPosition: string };
  readonly eventCount: number;
  readonly merkleRoot: string;
  readonly previousSealHash: string;
  readonly sealHash: string;
  readonly sealedAt: string;
}

export interface LogSealed {
  readonly type: typeof LOG_SEALED;
  readonly data: LogSealedData;
}

export function logSealed(seal: Seal, sealedAt: Date): LogSealed {
  return {
    type: LOG_SEALED,
    data: {
      scheme: SEAL_SCHEME,
      sealNo: seal.sealNo,
      first: { ...seal.first },
      last: { ...seal.last },
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot.toString('hex'),
      previousSealHash: seal.prevSealHash.toString('hex'),
      sealHash: seal.sealHash.toString('hex'),
      sealedAt: sealedAt.toISOString(),
    },
  };
}

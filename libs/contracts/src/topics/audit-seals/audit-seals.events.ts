import type { IntegrationEvent } from '../../envelope';

interface LogPointV1 {
  readonly commitOrder: string;
  readonly globalPosition: string;
}

export type LogSealedV1 = IntegrationEvent<
  'LogSealed',
  1,
  {
    readonly scheme: 'ta-log-seal/1';
    readonly sealNo: number;
    readonly first: LogPointV1;
    readonly last: LogPointV1;
    readonly eventCount: number;
    readonly merkleRoot: string;
    readonly previousSealHash: string;
    readonly sealHash: string;
    readonly sealedAt: string;
  }
>;

/** Every message value on the audit-seals topic. */
export type AuditSealsEvent = LogSealedV1;

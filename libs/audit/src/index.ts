// @ta/audit: tamper evidence. Hash chains per stream (computed by the event store's append),
// Merkle seals of the all-stream published as LogSealed events, and the verifier.
export * from './domain';
export { auditMigrations } from './application/audit.migrations';
export { loadAuditConfig, type AuditConfig } from './application/audit.config';
export { LogSealer, SEALER_CONSUMER, type LogSealerOptions } from './application/log-sealer';
export { createSealer } from './application/create-sealer';
export { sealRepository, type StoredSeal } from './application/seal.repository';
export { verifyLog, type BrokenLink, type BrokenLinkKind, type VerificationReport, type VerifyOptions } from './application/log-verifier';
export { parseExternalSeals, type ExternalSeal } from './application/external-seals';

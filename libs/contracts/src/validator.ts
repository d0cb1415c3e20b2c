import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { IntegrationEvent } from './envelope';
import { allEventContracts } from './registry';

export interface ValidationResult {
  readonly ok: boolean;
  /** `path: message` per problem; empty when ok. */
  readonly errors: readonly string[];
}

/**
 * Validates message values against their contract, chosen by the value's own `type` and
 * `schemaVersion` (and, when given, the `schema-version`/`event-type` headers must agree).
 * Compiled once; used by the relay before every send and by consumers on every receive.
 */
export class ContractValidator {
  private readonly validators = new Map<string, { topic: string; validate: ValidateFunction }>();

  constructor() {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const c of allEventContracts()) {
      this.validators.set(`${c.type}@${c.version}`, { topic: c.topic, validate: ajv.compile(c.schema) });
    }
  }

  /** Whether (type, version) is a known contract. */
  knows(type: string, version: number): boolean {
    return this.validators.has(`${type}@${version}`);
  }

  /**
   * `topic` (without prefix), when given, must be the contract's topic. A value that is not
   * an object, or names an unknown type or version, is invalid.
   */
  validate(value: unknown, options: { topic?: string; headers?: { type?: string; schemaVersion?: string | number } } = {}): ValidationResult {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errors: ['/: must be a JSON object'] };
    const { type, schemaVersion } = value as Partial<IntegrationEvent>;
    const entry = this.validators.get(`${String(type)}@${String(schemaVersion)}`);
    if (!entry) return { ok: false, errors: [`/type: no contract for ${String(type)} v${String(schemaVersion)}`] };
    const errors: string[] = [];
    if (options.topic !== undefined && options.topic !== entry.topic) errors.push(`/type: ${String(type)} belongs on ${entry.topic}, not ${options.topic}`);
    if (options.headers?.type !== undefined && options.headers.type !== type) errors.push(`header event-type ${options.headers.type} != ${String(type)}`);
    if (options.headers?.schemaVersion !== undefined && Number(options.headers.schemaVersion) !== schemaVersion) {
      errors.push(`header schema-version ${options.headers.schemaVersion} != ${String(schemaVersion)}`);
    }
    if (!entry.validate(value)) {
      for (const e of entry.validate.errors ?? []) errors.push(`${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    }
    return { ok: errors.length === 0, errors };
  }

  /** Throws when invalid. */
  assertValid(value: unknown, options: Parameters<ContractValidator['validate']>[1] = {}): void {
    const r = this.validate(value, options);
    if (!r.ok) throw new ContractViolationError(r.errors);
  }
}

export class ContractViolationError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`integration event violates its contract: ${errors.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

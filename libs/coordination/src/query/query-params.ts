import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parseCalendarInstant, ValidationError, type ErrorDetail } from '@ta/core';
import { codelists, type CodelistName } from '@ta/codelists';

export type Query = Record<string, unknown>;

/**
 * The raw query string, checked by QueryParams (not by a DTO class: every route lists its
 * own parameters, and an unknown one is an error). A param decorator of our own, because
 * @nestjs/swagger cannot describe `@Query()` of a plain object type.
 */
export const RawQuery = createParamDecorator((_: unknown, ctx: ExecutionContext): Query => ctx.switchToHttp().getRequest<{ query: Query }>().query);

/**
 * Reads and checks a query string. Every problem is collected and reported at once as
 * ValidationError `coordination.invalid_query` (400) with one detail per parameter; an
 * unknown parameter is a problem too (a typo must not silently widen a filter).
 */
export class QueryParams {
  private readonly problems: ErrorDetail[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly query: Query) {}

  private raw(name: string): string | undefined {
    this.seen.add(name);
    const v = this.query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.problem(name, 'must be given once');
      return undefined;
    }
    return v;
  }

  problem(name: string, message: string): void {
    this.problems.push({ path: `/query/${name}`, message });
  }

  string(name: string, pattern = /^[A-Za-z0-9._:@/-]{1,200}$/): string | undefined {
    const v = this.raw(name);
    if (v !== undefined && !pattern.test(v)) this.problem(name, 'is not a valid identifier');
    return v;
  }

  code(name: string, list: CodelistName): string | undefined {
    const v = this.raw(name);
    if (v !== undefined && !codelists.has(list, v)) this.problem(name, `${JSON.stringify(v)} is not a known ${list} code`);
    return v;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.raw(name);
    if (v !== undefined && !(values as readonly string[]).includes(v)) this.problem(name, `must be one of ${values.join(', ')}`);
    return v as T | undefined;
  }

  /**
   * A calendar date `YYYY-MM-DD` (the start of that UTC day) or an ISO timestamp with a time
   * zone; a day that does not exist (2026-02-31, 2026-02-29) is refused, not rolled over.
   */
  date(name: string): Date | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const d = parseCalendarInstant(v);
    if (d === undefined) this.problem(name, 'must be a real date (2025-03-01) or an ISO 8601 timestamp with a time zone, years 0001-9999');
    return d;
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problem(name, `must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return n;
  }

  /** Throws the collected problems; call after reading every parameter. */
  done(): void {
    for (const name of Object.keys(this.query)) if (!this.seen.has(name)) this.problem(name, 'is not a parameter of this query');
    if (this.problems.length > 0) throw new ValidationError('coordination.invalid_query', 'Invalid query parameters', this.problems);
  }
}

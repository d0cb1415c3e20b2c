import type { ParameterObject, SchemaObject } from '@nestjs/swagger';
import { parseCalendarInstant, type ErrorDetail } from '@ta/core';

/**
 * A route's query parameters, declared once as a table: the same table parses and checks the
 * query string (`parseQuery`) and describes it in the OpenAPI document (`toOpenApiParameters`),
 * so the document cannot say one thing while the route checks another.
 */
interface Described {
  readonly description?: string;
  readonly example?: string;
}

export interface StringParameter extends Described {
  readonly kind: 'string';
  readonly pattern: RegExp;
  /** What the message calls a value that does not match (`is not a valid <noun>`). */
  readonly noun?: string;
}
export interface EnumParameter<V extends string = string> extends Described {
  readonly kind: 'enum';
  readonly values: readonly V[];
  /** A codelist's name: the message then says `is not a known <list> code`. */
  readonly list?: string;
  readonly default?: V;
}
export interface DateParameter extends Described {
  readonly kind: 'date';
  /** A calendar date without a time means the END of that day (23:59:59.999 UTC), not its start ("as of" a day). */
  readonly dayEnd?: boolean;
}
export interface IntegerParameter extends Described {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
  readonly default?: number;
}
export interface BooleanParameter extends Described {
  readonly kind: 'boolean';
}

export type QueryParameter = StringParameter | EnumParameter | DateParameter | IntegerParameter | BooleanParameter;
export type QueryTable = Readonly<Record<string, QueryParameter>>;

type ValueOf<P extends QueryParameter> = P extends IntegerParameter
  ? number
  : P extends DateParameter
    ? Date
    : P extends BooleanParameter
      ? boolean
      : P extends EnumParameter<infer V>
        ? V
        : string;

/** What a table parses to: every parameter, `undefined` when absent unless it has a default. */
export type QueryValues<T extends QueryTable> = {
  readonly [K in keyof T]: ValueOf<T[K]> | (T[K] extends { readonly default: string | number } ? never : undefined);
};

/** A calendar date `YYYY-MM-DD` or an ISO 8601 timestamp with a time zone. */
export const DATE_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** The default pattern of an identifier in a query string. */
export const IDENTIFIER = /^[A-Za-z0-9._:@/-]{1,200}$/;

/** Builders of table entries, so that tables read as declarations. */
export const param = {
  string: (options: Described & { pattern?: RegExp; noun?: string } = {}): StringParameter => ({ kind: 'string', pattern: IDENTIFIER, ...options }),
  enum: <const V extends string, const D extends V | undefined = undefined>(
    values: readonly V[],
    options: Described & { list?: string; default?: D } = {},
  ): EnumParameter<V> & (D extends V ? { readonly default: D } : unknown) => ({ kind: 'enum', values, ...options }) as EnumParameter<V> & (D extends V ? { readonly default: D } : unknown),
  date: (options: Described & { dayEnd?: boolean } = {}): DateParameter => ({ kind: 'date', ...options }),
  integer: <const D extends number | undefined = undefined>(
    minimum: number,
    maximum: number,
    options: Described & { default?: D } = {},
  ): IntegerParameter & (D extends number ? { readonly default: D } : unknown) =>
    ({ kind: 'integer', minimum, maximum, ...options }) as IntegerParameter & (D extends number ? { readonly default: D } : unknown),
  boolean: (options: Described = {}): BooleanParameter => ({ kind: 'boolean', ...options }),
} as const;

export interface QueryParseResult<T extends QueryTable> {
  readonly values: QueryValues<T>;
  /** One per parameter in error, `path` `/query/<name>`; an unknown parameter is one. */
  readonly problems: readonly ErrorDetail[];
}

/**
 * Reads and checks a query string against its table. Every problem is collected (one detail
 * per parameter); a parameter the table does not name is a problem too (a typo must not
 * silently widen a filter), and so is one given twice.
 */
export function parseQuery<T extends QueryTable>(query: Readonly<Record<string, unknown>>, table: T): QueryParseResult<T> {
  const problems: ErrorDetail[] = [];
  const values: Record<string, unknown> = {};
  const problem = (name: string, message: string) => problems.push({ path: `/query/${name}`, message });
  for (const name of Object.keys(table)) {
    const spec = table[name]!;
    const raw = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
    if (raw === undefined) {
      values[name] = 'default' in spec ? spec.default : undefined;
      continue;
    }
    if (typeof raw !== 'string') {
      problem(name, 'must be given once');
      continue;
    }
    const checked = check(spec, raw);
    if ('error' in checked) problem(name, checked.error);
    else values[name] = checked.value;
  }
  for (const name of Object.keys(query)) if (!Object.prototype.hasOwnProperty.call(table, name)) problem(name, 'is not a parameter of this route');
  return { values: values as QueryValues<T>, problems };
}

function check(spec: QueryParameter, v: string): { value: unknown } | { error: string } {
  switch (spec.kind) {
    case 'string':
      return spec.pattern.test(v) ? { value: v } : { error: `is not a valid ${spec.noun ?? 'identifier'}` };
    case 'enum':
      if ((spec.values as readonly string[]).includes(v)) return { value: v };
      return { error: spec.list ? `${JSON.stringify(v)} is not a known ${spec.list} code` : `must be one of ${spec.values.join(', ')}` };
    case 'date': {
      // A day that does not exist (2026-02-31, 2026-02-29) is refused, not rolled over.
      const d = parseCalendarInstant(v);
      if (d !== undefined && spec.dayEnd && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { value: new Date(d.getTime() + 86_400_000 - 1) };
      return d !== undefined ? { value: d } : { error: 'must be a real date (2025-03-01) or an ISO 8601 timestamp with a time zone, years 0001-9999' };
    }
    case 'integer': {
      const n = Number(v);
      return /^\d+$/.test(v) && Number.isSafeInteger(n) && n >= spec.minimum && n <= spec.maximum
        ? { value: n }
        : { error: `must be an integer from ${spec.minimum} to ${spec.maximum}` };
    }
    case 'boolean':
      return v === 'true' || v === 'false' ? { value: v === 'true' } : { error: 'must be true or false' };
  }
}

/** The OpenAPI schema of one parameter: the same rules `parseQuery` applies. */
export function parameterSchema(spec: QueryParameter): SchemaObject {
  switch (spec.kind) {
    case 'string':
      return { type: 'string', pattern: spec.pattern.source };
    case 'enum':
      return { type: 'string', enum: [...spec.values], ...(spec.default !== undefined ? { default: spec.default } : {}) };
    case 'date':
      return { type: 'string', pattern: DATE_OR_TIMESTAMP.source, description: 'a date (2025-03-01) or an ISO 8601 timestamp with a time zone (2025-03-01T12:00:00Z)' };
    case 'integer':
      return { type: 'integer', minimum: spec.minimum, maximum: spec.maximum, ...(spec.default !== undefined ? { default: spec.default } : {}) };
    case 'boolean':
      return { type: 'boolean' };
  }
}

/** The table as OpenAPI parameter objects (`in: query`, all optional). */
export function toOpenApiParameters(table: QueryTable): ParameterObject[] {
  return Object.entries(table).map(([name, spec]) => ({
    name,
    in: 'query',
    required: false,
    schema: { ...parameterSchema(spec), ...(spec.example !== undefined ? { example: spec.example } : spec.kind === 'date' ? { example: '2025-03-01' } : {}) },
    ...(spec.description ? { description: spec.description } : spec.kind === 'enum' && spec.list ? { description: `A code of the codelist ${spec.list}` } : {}),
  }));
}

import fc from 'fast-check';
import { exampleOf, type Known, type OpenApi, type Operation, type Parameter, type Schema } from '../support/openapi';

/**
 * Requests for one operation of the OpenAPI document that are valid except for one thing: the
 * valid parts come from the document (examples, enums, limits, patterns), then exactly one body
 * field, query parameter, path parameter or header is mutated. Everything is data, so a case
 * prints as what was sent and replays from the fast-check seed.
 */

/** The mutation kinds; a fuzz summary counts them, a failure names its kind. */
export const MUTATION_KINDS = [
  'none',
  'wrong_type',
  'out_of_range',
  'too_long',
  'nul',
  'lone_surrogate',
  'control_characters',
  'missing_required',
  'unknown_key',
  'proto_key',
  'impossible_date',
  'huge_number',
  'deep_nesting',
  'not_an_object',
  'not_json',
  'repeated_parameter',
  'malformed_id',
  'unknown_id',
  'bad_header',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  readonly kind: MutationKind;
  /** What was mutated: `body/title/en`, `query/limit`, `path/id`, `header/If-Match`. */
  readonly target: string;
}

/** A value a mutation puts somewhere: a JSON value, or raw text spliced into the body's JSON. */
type Replacement = { readonly json: unknown } | { readonly raw: string };

/** The raw pieces of one request; `body` is the exact text sent. */
export interface FuzzRequest {
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly mutation: Mutation;
}

const RAW = '\u0001RAW\u0001';
const PROTO = '\u0001PROTO\u0001';

/** Percent-encoding of text that may hold lone surrogates (encodeURIComponent throws on them). */
export function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    // A lone surrogate as the bytes UTF-8 would give it (invalid UTF-8: the server must refuse, not crash).
    out += code >= 0xd800 && code <= 0xdfff ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase() : encodeURIComponent(ch);
  }
  return out;
}

const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** Text with something unstorable or unprintable put into a valid value. */
const spliced = (valid: string, bad: fc.Arbitrary<string>) =>
  fc.tuple(fc.nat(valid.length), bad).map(([at, b]) => valid.slice(0, at) + b + valid.slice(at));
const NUL = fc.constantFrom('\u0000', '\u0000\u0000', 'a\u0000b');
const SURROGATE = fc.constantFrom('\ud800', '\udfff', '\udc00x', 'x\ud83d');
const CONTROL = fc.constantFrom('\u0007', '\u001b[31m', '\r\n', '\n', '\t', '\u0008', '\u007f', '\u2028', '\u200e', '\ufeff');
const IMPOSSIBLE_DATES = ['2025-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '0000-01-01', '2025-12-32', '2025-06-15T25:00:00Z', '2025-06-15T12:60:00Z', '2025-06-15T12:00:00+25:00'];
const HUGE_NUMBERS = ['1e308', '-1e308', '1e400', '9007199254740993', '-9007199254740993', '1'.repeat(400), '-0', '0.1e-400', '123456789012345678901234567890.5'];
const OTHER_TYPES: unknown[] = [123, -1, 1.5, 0, true, false, null, [], {}, 'text', [1, 2], { a: 1 }, ''];

/** A value of another JSON type than the schema's. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  const isType = (v: unknown) =>
    (type === 'string' && typeof v === 'string') ||
    ((type === 'integer' || type === 'number') && typeof v === 'number') ||
    (type === 'boolean' && typeof v === 'boolean') ||
    (type === 'array' && Array.isArray(v)) ||
    (type === 'object' && typeof v === 'object' && v !== null && !Array.isArray(v));
  return fc.constantFrom(...OTHER_TYPES.filter((v) => !isType(v)));
}

/** A value just outside the schema's limits (or any invalid one when it has none). */
function outOfRange(schema: Schema): fc.Arbitrary<unknown> {
  const options: unknown[] = [];
  const s = schema as Schema & { minItems?: number };
  if (schema.enum) options.push('not-in-the-list', String(schema.enum[0]).toUpperCase() + ' ');
  if (schema.maxLength !== undefined) options.push('x'.repeat(schema.maxLength + 1));
  if (schema.minLength) options.push('');
  if (schema.pattern) options.push('not matching!', ' ');
  if (schema.minimum !== undefined) options.push(schema.minimum - 1, schema.minimum - 0.5);
  if (schema.maximum !== undefined) options.push(schema.maximum + 1, schema.maximum + 0.001);
  if (schema.maxItems !== undefined && schema.items) options.push(Array.from({ length: schema.maxItems + 1 }, (_, i) => exampleItem(schema.items!, i)));
  if (s.minItems) options.push([]);
  if (schema.type === 'string' && schema.format === 'uuid') options.push('not-a-uuid', '00000000-0000-0000-0000-000000000000');
  if (schema.type === 'string' && schema.format === 'email') options.push('not-an-email', 'a@b');
  if (options.length === 0) options.push(schema.type === 'string' ? '' : -1);
  return fc.constantFrom(...options);
}

function exampleItem(items: Schema, i: number): unknown {
  return items.enum?.[i % items.enum.length] ?? (items.type === 'string' ? `item-${i}` : i);
}

/** Every place of a valid body that can be mutated, with its schema. */
interface Field {
  readonly path: ReadonlyArray<string | number>;
  readonly schema: Schema;
  readonly required: boolean;
}

function fields(api: OpenApi, schema: Schema, value: unknown, path: ReadonlyArray<string | number> = []): Field[] {
  const s = resolved(api, schema);
  const out: Field[] = [];
  if (s.type === 'object' || s.properties) {
    const required = new Set(s.required ?? []);
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      const v = (value as Record<string, unknown> | undefined)?.[name];
      if (v === undefined) continue;
      out.push({ path: [...path, name], schema: resolved(api, p), required: required.has(name) }, ...fields(api, p, v, [...path, name]));
    }
  } else if (s.type === 'array' && s.items && Array.isArray(value) && value.length > 0) {
    out.push({ path: [...path, 0], schema: resolved(api, s.items), required: false }, ...fields(api, s.items, value[0], [...path, 0]));
  }
  return out;
}

function resolved(api: OpenApi, schema: Schema): Schema {
  const s = api.resolve(schema);
  return s.allOf?.length ? { ...api.resolve(s.allOf[0]!), ...s, allOf: undefined } : s;
}

/** The body with the value at `path` replaced (`undefined`: removed) and the text sent. */
function bodyText(valid: unknown, path: ReadonlyArray<string | number>, replace: Replacement | undefined, extra?: { key: string; value: unknown }): string {
  const body = structuredClone(valid) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = body;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (extra) {
    const target = path.length === 0 ? body : (parent[last!] as Record<string, unknown>);
    target[extra.key] = extra.value;
  } else if (last !== undefined) {
    if (replace === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = 'json' in replace ? replace.json : RAW;
  }
  let text = JSON.stringify(body);
  if (replace && 'raw' in replace) text = text.replace(JSON.stringify(RAW), replace.raw);
  return text.replace(JSON.stringify(PROTO), '"__proto__"');
}

/** One mutation of one body field, as the text sent. */
function bodyMutation(valid: unknown, field: Field): fc.Arbitrary<{ body: string; mutation: Mutation }> {
  const target = `body/${field.path.join('/')}`;
  const at = (kind: MutationKind, replace: fc.Arbitrary<Replacement | undefined>) => replace.map((r) => ({ body: bodyText(valid, field.path, r), mutation: { kind, target } }));
  const validText = (() => {
    let v: unknown = valid;
    for (const k of field.path) v = (v as Record<string | number, unknown>)[k];
    return typeof v === 'string' ? v : 'text';
  })();
  const kinds: Array<fc.Arbitrary<{ body: string; mutation: Mutation }>> = [
    at('wrong_type', wrongType(field.schema).map((json) => ({ json }))),
    at('out_of_range', outOfRange(field.schema).map((json) => ({ json }))),
    at('too_long', fc.integer({ min: 1_001, max: 250_000 }).map((n) => ({ json: 'x'.repeat(n) }))),
    at('nul', spliced(validText, NUL).map((json) => ({ json }))),
    at('lone_surrogate', spliced(validText, SURROGATE).map((json) => ({ json }))),
    at('control_characters', spliced(validText, CONTROL).map((json) => ({ json }))),
    at('huge_number', fc.constantFrom(...HUGE_NUMBERS).map((raw) => ({ raw }))),
    at('deep_nesting', fc.tuple(fc.integer({ min: 100, max: 50_000 }), fc.boolean()).map(([d, arr]) => ({ raw: arr ? deep(d, '[', ']') : deep(d, '{"a":', '}') }))),
    at('missing_required', fc.constant(undefined)),
  ];
  if (field.schema.format === 'date' || field.schema.format === 'date-time' || /\\d\{4\}-/.test(field.schema.pattern ?? '')) {
    kinds.push(at('impossible_date', fc.constantFrom(...IMPOSSIBLE_DATES).map((json) => ({ json }))));
  }
  if (field.schema.type === 'object' || field.schema.properties) {
    kinds.push(
      fc.constantFrom('unexpected', 'constructor', 'prototype').map((key) => ({ body: bodyText(valid, field.path, undefined, { key, value: 1 }), mutation: { kind: 'unknown_key' as const, target } })),
      fc.constantFrom<unknown>({}, { polluted: true }, 1).map((value) => ({ body: bodyText(valid, field.path, undefined, { key: PROTO, value }), mutation: { kind: 'proto_key' as const, target } })),
    );
  }
  return fc.oneof(...kinds);
}

/** Mutations of the body as a whole. */
function wholeBodyMutation(valid: unknown): fc.Arbitrary<{ body: string; contentType?: string; mutation: Mutation }> {
  return fc.oneof(
    fc.constantFrom('unexpected', 'constructor').map((key) => ({ body: bodyText(valid, [], undefined, { key, value: 'x' }), mutation: { kind: 'unknown_key' as const, target: 'body' } })),
    fc.constantFrom<unknown>({ polluted: true }, {}, []).map((value) => ({ body: bodyText(valid, [], undefined, { key: PROTO, value }), mutation: { kind: 'proto_key' as const, target: 'body' } })),
    fc.constantFrom('[]', 'null', '"text"', '1', 'true', '[{}]').map((body) => ({ body, mutation: { kind: 'not_an_object' as const, target: 'body' } })),
    fc.constantFrom(
      { body: '{"reason": ', contentType: 'application/json' },
      { body: '', contentType: 'application/json' },
      { body: 'reason=x', contentType: 'application/x-www-form-urlencoded' },
      { body: 'hello', contentType: 'text/plain' },
      { body: JSON.stringify(valid), contentType: 'application/xml' },
      { body: "{'single': 'quotes'}", contentType: 'application/json' },
    ).map((b) => ({ ...b, mutation: { kind: 'not_json' as const, target: 'body' } })),
    fc.integer({ min: 1_000, max: 100_000 }).map((d) => ({ body: deep(d, '[', ']'), mutation: { kind: 'deep_nesting' as const, target: 'body' } })),
  );
}

/** A valid value of a query parameter. */
function validQueryValue(p: Parameter, known: Known): fc.Arbitrary<string> {
  if (p.name in known) return fc.constant(String(known[p.name]));
  const s = p.schema;
  if (s.enum) return fc.constantFrom(...s.enum.filter((v) => v !== null).map(String));
  if (s.type === 'boolean') return fc.constantFrom('true', 'false');
  if (s.type === 'integer') return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1_000, (s.minimum ?? 0) + 100_000) }).map(String);
  if (s.example !== undefined && /\d{4}-\d{2}-\d{2}/.test(String(s.example))) {
    return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString()));
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.constant(String(s.example ?? 'x'));
}

/** One mutated query parameter value, or an unknown/repeated parameter. */
function queryMutation(p: Parameter, valid: fc.Arbitrary<string>): fc.Arbitrary<{ pairs: Array<[string, string]>; mutation: Mutation }> {
  const target = `query/${p.name}`;
  const one = (kind: MutationKind, value: fc.Arbitrary<string>) => value.map((v) => ({ pairs: [[p.name, v]] as Array<[string, string]>, mutation: { kind, target } }));
  return fc.oneof(
    one('wrong_type', fc.constantFrom('true', '1.5', 'null', '{}', '[]', 'abc', '-', '')),
    one('out_of_range', outOfRange(p.schema).map(String)),
    one('too_long', fc.integer({ min: 201, max: 4_000 }).map((n) => 'x'.repeat(n))),
    one('nul', valid.chain((v) => spliced(v, NUL))),
    one('lone_surrogate', valid.chain((v) => spliced(v, SURROGATE))),
    one('control_characters', valid.chain((v) => spliced(v, CONTROL))),
    one('impossible_date', fc.constantFrom(...IMPOSSIBLE_DATES)),
    one('huge_number', fc.constantFrom(...HUGE_NUMBERS, '99999999999999999999', '-1', ' 1', '0x10', '1e3')),
    fc.tuple(valid, valid).map(([a, b]) => ({ pairs: [[p.name, a], [p.name, b]] as Array<[string, string]>, mutation: { kind: 'repeated_parameter' as const, target } })),
  );
}

const unknownParameter = fc
  .constantFrom('unknown', 'constructor', '__proto__', 'toString', 'limit[]', 'a[b]', 'hasOwnProperty', '')
  .map((name) => ({ pairs: [[name, '1']] as Array<[string, string]>, mutation: { kind: 'unknown_key' as const, target: `query/${name}` } }));

/** Malformed values of a path parameter. */
function pathMutation(p: Parameter, valid: string): fc.Arbitrary<{ value: string; mutation: Mutation }> {
  const target = `path/${p.name}`;
  const one = (kind: MutationKind, value: fc.Arbitrary<string>) => value.map((v) => ({ value: v, mutation: { kind, target } }));
  return fc.oneof(
    one('malformed_id', fc.constantFrom('x', 'not-a-uuid', '%', '%zz', "'; DROP TABLE x;--", '{id}', valid.toUpperCase(), `${valid}x`, valid.slice(1), '-1', '0', 'null')),
    one('too_long', fc.integer({ min: 201, max: 4_000 }).map((n) => 'a'.repeat(n))),
    one('nul', spliced(valid, NUL)),
    one('lone_surrogate', spliced(valid, SURROGATE)),
    one('control_characters', spliced(valid, CONTROL)),
    one('unknown_id', fc.uuid({ version: 4 })),
  );
}

const HEADER_MUTATIONS: ReadonlyArray<readonly [string, string]> = [
  ['If-Match', 'W/"x"'],
  ['If-Match', '"1"'],
  ['If-Match', '"99999999999999999999"'],
  ['If-Match', 'garbage'],
  ['If-Match', '*'],
  ['If-Match', '"-1"'],
  ['Idempotency-Key', 'k'.repeat(201)],
  ['Idempotency-Key', 'has space'],
  ['Idempotency-Key', ''],
  ['Authorization', 'Bearer x.y.z'],
  ['Authorization', 'Basic dXNlcjpwYXNz'],
  ['Authorization', 'Bearer'],
  ['Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
  ['Content-Type', 'application/json; charset=latin1'],
  ['Content-Type', 'application/json; charset=utf-16'],
  ['Content-Encoding', 'gzip'],
  ['Content-Encoding', 'compress'],
  ['Accept', 'text/event-stream'],
  ['X-Correlation-Id', 'x'.repeat(500)],
];

export interface FuzzInputs {
  readonly api: OpenApi;
  readonly op: Operation;
  /** The fixtures' known values (ids, positions), one record per fixture. */
  readonly known: readonly Known[];
  /** Path parameter values per fixture. */
  readonly pathValues: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** The arbitrary of requests for one operation: a fixture, valid parameters, and at most one mutation. */
export function fuzzRequests(inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  const { api, op } = inputs;
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const bodyFields = op.body ? fields(api, op.body, exampleOf(api, op.body, inputs.known[0])) : [];
  return fc.nat(inputs.known.length - 1).chain((f) => {
    const known = inputs.known[f]!;
    const paths = inputs.pathValues[f]!;
    const validBody = op.body ? exampleOf(api, op.body, known) : undefined;
    const validQuery = fc.subarray(queryParams).chain((ps) => fc.tuple(...ps.map((p) => validQueryValue(p, known).map((v) => [p.name, v] as [string, string]))));
    const mutations: Array<{ weight: number; arbitrary: fc.Arbitrary<Partial<FuzzRequest> & { pairs?: Array<[string, string]>; pathValue?: [string, string]; contentType?: string; mutation: Mutation }> }> = [
      { weight: 2, arbitrary: fc.constant({ mutation: { kind: 'none' as const, target: '' } }) },
      { weight: 1, arbitrary: unknownParameter },
      { weight: 1, arbitrary: fc.constantFrom(...HEADER_MUTATIONS).map(([h, v]) => ({ headers: { [h]: v }, mutation: { kind: 'bad_header' as const, target: `header/${h}` } })) },
    ];
    if (bodyFields.length > 0) mutations.push({ weight: 8, arbitrary: fc.constantFrom(...bodyFields).chain((field) => bodyMutation(validBody, field)) });
    if (op.method === 'post') mutations.push({ weight: 2, arbitrary: wholeBodyMutation(validBody ?? {}) });
    if (queryParams.length > 0) mutations.push({ weight: 5, arbitrary: fc.constantFrom(...queryParams).chain((p) => queryMutation(p, validQueryValue(p, known))) });
    if (pathParams.length > 0) {
      mutations.push({ weight: 3, arbitrary: fc.constantFrom(...pathParams).chain((p) => pathMutation(p, paths[p.name]!).map(({ value, mutation }) => ({ pathValue: [p.name, value] as [string, string], mutation }))) });
    }
    return fc.tuple(validQuery, fc.oneof(...mutations), fc.option(fc.uuid({ version: 4 }), { freq: 4 })).map(([query, m, key]): FuzzRequest => {
      const mutatedNames = new Set((m.pairs ?? []).map(([n]) => n));
      const pairs = [...query.filter(([n]) => !mutatedNames.has(n)), ...(m.pairs ?? [])];
      const pathValues = { ...paths, ...(m.pathValue ? { [m.pathValue[0]]: m.pathValue[1] } : {}) };
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(pathValues[name]!));
      const body = op.method === 'post' ? (m.body ?? JSON.stringify(validBody ?? {})) : undefined;
      return {
        path,
        query: pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '',
        headers: {
          ...(op.method === 'post' ? { 'Content-Type': m.contentType ?? 'application/json' } : {}),
          ...(key !== null && op.method === 'post' ? { 'Idempotency-Key': key } : {}),
          ...(m.headers ?? {}),
        },
        ...(body !== undefined ? { body } : {}),
        mutation: m.mutation,
      };
    });
  });
}

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The served OpenAPI document, read as a client would: its operations, their parameters and
 * request bodies, and validators for the answers each operation documents. Shared by the test
 * that walks the document against the running routes and by the fuzz suite.
 */

export type Schema = Record<string, unknown> & {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  example?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
};

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header';
  readonly required?: boolean;
  readonly schema: Schema;
  readonly example?: unknown;
}

export interface Operation {
  readonly method: 'get' | 'post';
  /** As the document writes it: `/requests/{id}/triage`. */
  readonly path: string;
  readonly operationId: string;
  readonly parameters: readonly Parameter[];
  /** The request body's schema (resolved), when it takes one. */
  readonly body?: Schema;
  readonly responses: Readonly<Record<string, { content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> }>>;
  /** Needs a bearer token. */
  readonly secured: boolean;
  /** `METHOD /path`, for messages. */
  readonly label: string;
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Record<string, unknown>>>;
  readonly components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
  readonly security?: unknown[];
}

export class OpenApi {
  readonly operations: readonly Operation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    this.operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, raw]) => {
        const op = raw as { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Operation['responses']; security?: unknown[] };
        const security = op.security ?? doc.security ?? [];
        const body = op.requestBody?.content['application/json']?.schema;
        return {
          method: method as Operation['method'],
          path,
          operationId: op.operationId,
          parameters: op.parameters ?? [],
          ...(body ? { body: this.resolve(body) } : {}),
          responses: op.responses,
          secured: security.length > 0,
          label: `${method.toUpperCase()} ${path}`,
        };
      }),
    );
    this.ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
    addFormats(this.ajv);
    // Answers must not carry undocumented fields; problem details may carry extension members.
    this.ajv.addSchema({ $id: STRICT, components: { schemas: normalise(doc.components.schemas, STRICT) } });
    this.ajv.addSchema({ $id: LENIENT, components: { schemas: normalise(doc.components.schemas, LENIENT) } });
  }

  /** A component's schema (a `$ref` followed), or the schema itself. */
  resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const found = this.doc.components.schemas[name];
    if (!found) throw new Error(`unresolved ${schema.$ref}`);
    return this.resolve(found);
  }

  /** The statuses an operation documents. */
  statuses(op: Operation): number[] {
    return Object.keys(op.responses).map(Number);
  }

  /** The answer's problem: null when the body fits the documented schema of its status and content type. */
  check(op: Operation, status: number, contentType: string | undefined, body: unknown): string | null {
    const response = op.responses[String(status)];
    if (!response) return `${op.label}: ${status} is not documented (documented: ${this.statuses(op).join(', ')})`;
    const type = (contentType ?? '').split(';')[0]!.trim();
    const content = response.content;
    if (!content) return null;
    if (!content[type]) return `${op.label}: ${status} as ${type || 'no content type'}, documented as ${Object.keys(content).join(', ')}`;
    const schema = content[type]!.schema;
    if (!schema || type === 'text/event-stream') return null;
    const key = `${op.label} ${status} ${type}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(normalise(schema, status < 400 ? STRICT : LENIENT) as object);
      this.validators.set(key, validate);
    }
    if (validate(body)) return null;
    return `${op.label}: ${status} body does not fit its schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`;
  }

  /** The documented header names (lower case) of an answer. */
  responseHeaders(op: Operation, status: number): string[] {
    return Object.keys(op.responses[String(status)]?.headers ?? {}).map((h) => h.toLowerCase());
  }
}

const STRICT = 'openapi-strict.json';
const LENIENT = 'openapi.json';

/**
 * The document's schemas as ajv reads them: references into the document (`base`), OpenAPI
 * 3.0's `nullable` + `allOf` (a nullable reference) as "null or the referenced schema", and,
 * in the STRICT copy, no property beyond those documented on objects that list their properties.
 */
function normalise<T>(value: T, base: string, inAllOf = false): T {
  const strict = base === STRICT;
  if (Array.isArray(value)) return value.map((v) => normalise(v, base, inAllOf)) as T;
  if (value === null || typeof value !== 'object') return value;
  const s = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.startsWith('#/') ? `${base}${v}` : v;
    else if (k === 'allOf') out[k] = normalise(v, base, true);
    else if (k === 'properties' && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, normalise(ps, base)]));
    else if (k === 'example' || k === 'examples') continue;
    // ajv checks a discriminator by its oneOf alone: its `mapping` (for client generators) is not supported.
    else if (k === 'discriminator' && v && typeof v === 'object') out[k] = { propertyName: (v as { propertyName: string }).propertyName };
    else out[k] = normalise(v, base);
  }
  if (out.nullable === true && Array.isArray(out.allOf)) {
    const { nullable: _n, allOf, type: _t, ...rest } = out;
    return { ...rest, anyOf: [{ allOf }, { type: 'null' }] } as T;
  }
  if (strict && !inAllOf && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out as T;
}

/** A path template with its parameters filled in (values percent-encoded). */
export function fillPath(path: string, values: Readonly<Record<string, string>>, encode: (v: string) => string = encodeURIComponent): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encode(v);
  });
}

/** A query string from name/value pairs (values percent-encoded). */
export function queryString(pairs: ReadonlyArray<readonly [string, string]>, encode: (v: string) => string = encodeURIComponent): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

/** Values the fixture knows, by field or parameter name (ids of a real case, a cursor...). */
export type Known = Readonly<Record<string, unknown>>;

/**
 * A valid value of a schema, from the document alone: its example, its default, its first enum
 * value, or one built from its type and limits; object properties that are required or have an
 * example, `known` values first.
 */
export function exampleOf(api: OpenApi, schema: Schema, known: Known = {}): unknown {
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.$ref) return exampleOf(api, api.resolve(schema), known);
  if (schema.allOf?.length) return exampleOf(api, schema.allOf[0]!, known);
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null);
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const out: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(schema.properties ?? {})) {
        if (name in known) out[name] = known[name];
        else if (required.has(name) || p.example !== undefined) out[name] = exampleOf(api, p, known);
      }
      return out;
    }
    case 'array':
      return schema.items && (schema as { minItems?: number }).minItems ? [exampleOf(api, schema.items, known)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      if (schema.format === 'date') return '2027-01-01';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uuid') return '3f0c7e52-8c1d-4c1e-9a57-0d9f4b1e2a61';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** A valid value of a parameter, as text. */
export function parameterExample(api: OpenApi, p: Parameter, known: Known = {}): string {
  if (p.name in known) return String(known[p.name]);
  if (p.example !== undefined) return String(p.example);
  return String(exampleOf(api, p.schema, known));
}

/**
 * Building blocks of the contracts' JSON Schemas (draft 2020-12). Every schema is plain
 * data: the same objects are compiled by the validator, printed in the event catalogue and
 * can be handed to a consumer written in any language (`allSchemas()`).
 */
export type JsonSchema = { readonly [key: string]: unknown };

export const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

export const s = {
  id: { type: 'string', minLength: 1, maxLength: 200 },
  uuid: { type: 'string', format: 'uuid' },
  timestamp: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217' },
  code: { type: 'string', minLength: 1, maxLength: 100 },
  text: { type: 'string', maxLength: 10000 },
  codes: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 } },
  languages: { type: 'array', items: { enum: LANGUAGES } },
  localizedText: {
    type: 'object',
    description: 'Text by language (ar, en, es, fr, ru, zh)',
    propertyNames: { enum: LANGUAGES },
    additionalProperties: { type: 'string' },
  },
  window: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
  capacityUnit: {
    description: 'Money amounts are integers in MINOR units of the currency (ISO 4217 minor unit); in-kind capacity is in expert-days.',
    oneOf: [
      { type: 'object', required: ['kind', 'currency'], additionalProperties: false, properties: { kind: { const: 'money' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } },
      { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'expert_days' } } },
    ],
  },
  capacity: {
    oneOf: [
      {
        type: 'object',
        required: ['kind', 'amount', 'currency'],
        additionalProperties: false,
        properties: { kind: { const: 'money' }, amount: { type: 'integer', minimum: 0, description: 'minor units' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
      },
      { type: 'object', required: ['kind', 'days'], additionalProperties: false, properties: { kind: { const: 'expert_days' }, days: { type: 'integer', minimum: 0 } } },
    ],
  },
  nullable: (schema: JsonSchema): JsonSchema => ({ oneOf: [{ type: 'null' }, schema] }),
} as const;

/** An object schema whose listed properties are all required and no others allowed. */
export function strictObject(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  };
}

import { ValidationError } from '@ta/core';
import { isStorableText, quotable } from '../../text-rules';

/**
 * Limits on a JSON body's shape, besides its size (256 KiB): the DTOs nest three levels and
 * their longest list has 249 items, so these are generous, and they keep class-transformer
 * and class-validator (which recurse) far from the stack's end.
 */
export const JSON_BODY_LIMITS = { maxDepth: 32, maxMembers: 1000 } as const;

/** Keys refused in every object, as unknown fields are: they name JavaScript's prototype machinery. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const pointer = (key: string) => quotable(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Walks a parsed JSON body once, without recursion (a body nested 10,000 levels deep is
 * answered, not a stack overflow), and returns the first problem:
 * - 400 `request.unstorable_text`: a string or key PostgreSQL cannot store (NUL, a lone surrogate);
 * - 400 `request.too_complex`: nested deeper than 32 levels, or an object or array of more than 1,000 members;
 * - 400 `request.invalid_body`: a `__proto__`, `constructor` or `prototype` key (as any unknown field).
 */
export function inspectJsonBody(body: unknown, limits = JSON_BODY_LIMITS): ValidationError | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return unstorable(path || '/');
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) return tooComplex(path, `nested deeper than ${limits.maxDepth} levels`);
    const isArray = Array.isArray(value);
    const keys = isArray ? null : Object.keys(value);
    const size = isArray ? (value as unknown[]).length : keys!.length;
    if (size > limits.maxMembers) return tooComplex(path || '/', `more than ${limits.maxMembers} ${isArray ? 'items' : 'members'}`);
    if (isArray) {
      (value as unknown[]).forEach((item, i) => stack.push({ value: item, path: `${path}/${i}`, depth: depth + 1 }));
      continue;
    }
    for (const key of keys!) {
      const at = `${path}/${pointer(key)}`;
      if (!isStorableText(key)) return unstorable(at);
      if (PROTOTYPE_KEYS.has(key)) {
        const message = `property ${key} should not exist`;
        return new ValidationError('request.invalid_body', `${at}: ${message}`, [{ path: at, message }]);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

export function unstorable(path: string): ValidationError {
  const message = 'contains text that cannot be stored (NUL or an unpaired UTF-16 surrogate)';
  return new ValidationError('request.unstorable_text', `${path}: ${message}`, [{ path, message }]);
}

function tooComplex(path: string, what: string): ValidationError {
  const message = `the body is ${what}`;
  return new ValidationError('request.too_complex', `${path}: ${message}`, [{ path, message }]);
}

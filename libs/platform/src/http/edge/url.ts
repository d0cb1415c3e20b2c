import { ValidationError } from '@ta/core';
import { isStorableText, quotable } from '../../text-rules';
import { unstorable } from './json-body';

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

function malformed(path: string): ValidationError {
  const message = 'is not valid percent-encoded UTF-8';
  return new ValidationError('request.malformed_url', `${path}: ${message}`, [{ path, message }]);
}

/**
 * Checks a request target before routing, the way the router and the query parser will read
 * it: every path segment and every query name and value, percent-decoded strictly (`%FF`,
 * `%E0%A4%A`, `%C0%80` are no UTF-8: 400 `request.malformed_url`), must be storable text
 * (`%00`: 400 `request.unstorable_text`). The same answer on every route, read or command.
 */
export function inspectUrl(url: string): ValidationError | undefined {
  const q = url.indexOf('?');
  const segments = (q < 0 ? url : url.slice(0, q)).split('/');
  for (const segment of segments) {
    const text = decode(segment);
    if (text === undefined) return malformed('/path');
    if (!isStorableText(text)) return unstorable('/path');
  }
  if (q < 0) return undefined;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const rawName = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
    const name = decode(rawName);
    const at = `/query/${name === undefined ? '?' : quotable(name)}`;
    if (name === undefined) return malformed(at);
    if (!isStorableText(name)) return unstorable(at);
    if (eq < 0) continue;
    const value = decode(pair.slice(eq + 1).replace(/\+/g, ' '));
    if (value === undefined) return malformed(at);
    if (!isStorableText(value)) return unstorable(at);
  }
  return undefined;
}

import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@ta/core';
import { isSingleLineText } from '../../text-rules';

/**
 * The one rule for ids in a path, on queries and commands alike: a malformed id names no
 * resource, so it is answered 404 `request.malformed_id` (one answer whatever the route, the
 * role or the body), before anything is looked up. A well-formed id that names nothing gets
 * the route's own 404 (`request.not_found`, `coordination.offer_not_found`, ...).
 *
 * - `uuid`: the platform issues UUIDs for requests, offers, engagements and milestones
 *   (RFC 9562 versions 1-8); upper case is accepted and lowered.
 * - `country`: two letters (ISO 3166-1 alpha-2); lower case is accepted and raised.
 * - `organisation`: a provider's id as a token names it: 1-100 characters of single-line text.
 */
export type PathIdKind = 'uuid' | 'country' | 'organisation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const COUNTRY = /^[A-Za-z]{2}$/;

const RULES: Record<PathIdKind, { readonly wellFormed: (v: string) => boolean; readonly normal: (v: string) => string; readonly expected: string }> = {
  uuid: { wellFormed: (v) => UUID.test(v), normal: (v) => v.toLowerCase(), expected: 'a UUID' },
  country: { wellFormed: (v) => COUNTRY.test(v), normal: (v) => v.toUpperCase(), expected: 'an ISO 3166-1 alpha-2 country code' },
  organisation: { wellFormed: (v) => v.length >= 1 && v.length <= 100 && isSingleLineText(v), normal: (v) => v, expected: 'an organisation id (1-100 characters, one line)' },
};

export const MALFORMED_ID = 'request.malformed_id';

/** The id in its normal form; NotFoundError `request.malformed_id` when it is malformed. */
export function pathId(kind: PathIdKind, value: unknown): string {
  const rule = RULES[kind];
  if (typeof value !== 'string' || !rule.wellFormed(value)) {
    throw new NotFoundError(MALFORMED_ID, `No resource has this id: an id here is ${rule.expected}`);
  }
  return rule.normal(value);
}

/** `@Param('id', new PathId('uuid'))`: `pathId` as a Nest pipe. */
export class PathId implements PipeTransform<unknown, string> {
  constructor(private readonly kind: PathIdKind) {}

  transform(value: unknown): string {
    return pathId(this.kind, value);
  }
}

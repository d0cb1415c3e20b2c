import { LANGUAGE_CODES, type LanguageCode, type LocalizedText } from '@ta/codelists';
import type { ProjectedEvent } from '../case-event';

/** What a search document is about: a request, an offer or an engagement (with its milestones). */
export const SEARCH_KINDS = ['request', 'offer', 'engagement'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * A text written in no declared language (an institution's name, the Secretariat's match
 * reasons): indexed without stemming, found in whatever language it was written.
 */
export const UNDETERMINED = 'und';
export type IndexLanguage = LanguageCode | typeof UNDETERMINED;
export const INDEX_LANGUAGES: readonly IndexLanguage[] = [...LANGUAGE_CODES, UNDETERMINED];

/** Titles rank above the other texts (weight A against B). */
export type SearchTextRole = 'title' | 'body';

/** One searchable text an event gives a case: which document, which field, in which languages. */
export interface SearchText {
  readonly kind: SearchKind;
  /** The request, offer or engagement id. */
  readonly caseId: string;
  /** The request the document belongs to (a request's own id, an engagement's request): visibility follows it. Null for offers. */
  readonly requestId: string | null;
  /** The field's name within the document; a later text of the same field and language replaces the earlier one, another language joins it. */
  readonly field: string;
  readonly role: SearchTextRole;
  readonly text: Readonly<Partial<Record<IndexLanguage, string>>>;
  /** The field's text written anew (an amendment): it replaces every language of the field, translations included. */
  readonly replaces?: true;
}

const und = (text: string): Readonly<Partial<Record<IndexLanguage, string>>> => ({ [UNDETERMINED]: text });
const localized = (text: LocalizedText): Readonly<Partial<Record<IndexLanguage, string>>> => text;

/**
 * THE list of what search finds in a case: the texts each event gives, in every language
 * present. Nothing personal (the contact person is not here). A new searchable text (a
 * translation, another field) is one more case in this switch; the search index, its rebuild
 * and the queries follow.
 */
export function searchableTexts(e: ProjectedEvent): SearchText[] {
  const { event } = e;
  switch (event.type) {
    case 'RequestSubmitted': {
      const d = event.data;
      const doc = { kind: 'request', caseId: d.requestId, requestId: d.requestId } as const;
      return [
        { ...doc, field: 'title', role: 'title', text: localized(d.title) },
        { ...doc, field: 'description', role: 'body', text: localized(d.description) },
        { ...doc, field: 'beneficiaryInstitution', role: 'body', text: und(d.beneficiaryInstitution) },
      ];
    }
    case 'RequestAmended': {
      const d = event.data;
      const doc = { kind: 'request', caseId: d.requestId, requestId: d.requestId, replaces: true } as const;
      return [
        ...(d.title ? [{ ...doc, field: 'title', role: 'title', text: localized(d.title) } as const] : []),
        ...(d.description ? [{ ...doc, field: 'description', role: 'body', text: localized(d.description) } as const] : []),
        ...(d.beneficiaryInstitution !== undefined ? [{ ...doc, field: 'beneficiaryInstitution', role: 'body', text: und(d.beneficiaryInstitution) } as const] : []),
      ];
    }
    case 'OfferRegistered': {
      const d = event.data;
      const doc = { kind: 'offer', caseId: d.offerId, requestId: null } as const;
      return [
        { ...doc, field: 'title', role: 'title', text: localized(d.title) },
        { ...doc, field: 'description', role: 'body', text: localized(d.description) },
      ];
    }
    case 'EngagementProposed': {
      const d = event.data;
      return [{ kind: 'engagement', caseId: d.engagementId, requestId: d.requestId, field: 'reasons', role: 'body', text: und(d.reasons.join('\n')) }];
    }
    case 'MilestonePlanned': {
      const d = event.data;
      return [{ kind: 'engagement', caseId: d.engagementId, requestId: d.requestId, field: `milestone:${d.milestoneId}`, role: 'body', text: localized(d.title) }];
    }
    // A translation joins its field in its language (the same language replaces it); texts
    // search does not index (questions, reasons of a decline...) stay out in every language.
    case 'RequestTextTranslated': {
      const d = event.data;
      const field = REQUEST_FIELDS[d.text];
      return field ? [{ kind: 'request', caseId: d.requestId, requestId: d.requestId, field: d.text, role: field, text: { [d.language]: d.translation } }] : [];
    }
    case 'OfferTextTranslated': {
      const d = event.data;
      const field = OFFER_FIELDS[d.text];
      return field ? [{ kind: 'offer', caseId: d.offerId, requestId: null, field: d.text, role: field, text: { [d.language]: d.translation } }] : [];
    }
    case 'EngagementTextTranslated': {
      const d = event.data;
      const milestone = /^milestones\/([^/]+)\/title$/.exec(d.text);
      return milestone
        ? [{ kind: 'engagement', caseId: d.engagementId, requestId: d.requestId, field: `milestone:${milestone[1]}`, role: 'body', text: { [d.language]: d.translation } }]
        : [];
    }
    default:
      return [];
  }
}

/** The texts of a request and of an offer that search indexes, by the path a translation names. */
const REQUEST_FIELDS: Readonly<Record<string, SearchTextRole>> = { title: 'title', description: 'body', beneficiaryInstitution: 'body' };
const OFFER_FIELDS: Readonly<Record<string, SearchTextRole>> = { title: 'title', description: 'body' };

/** Han ideographs (and the CJK symbols written among them): Chinese has no spaces between words. */
const CJK_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;

/**
 * Chinese text as PostgreSQL's `simple` configuration can index it: each run of ideographs
 * becomes its overlapping character bigrams, then its last character (so that one character
 * alone is found by prefix); other text is left as it is. "反腐败" -> "反腐 腐败 败".
 * Positions follow the text, so that a query's bigrams can be matched as a phrase.
 */
export function cjkBigrams(text: string): string {
  return text.replace(CJK_RUN, (run) => ` ${bigramsOf([...run]).join(' ')} `).replace(/\s+/g, ' ').trim();
}

function bigramsOf(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
  return out;
}

/**
 * The ideograph runs of a query as `simple` tsquery text: a run of two or more characters is
 * the phrase of its bigrams (`'反腐' <-> '腐败'`), one character a prefix (`'腐':*`, which
 * matches every bigram it starts, and the last character of a run). Null: no ideographs.
 * The characters are ideographs only, so nothing in them needs quoting.
 */
export function cjkTsquery(query: string): string | null {
  const runs = query.match(CJK_RUN);
  if (!runs) return null;
  const parts = runs.map((run) => {
    const chars = [...run];
    if (chars.length === 1) return `'${chars[0]}':*`;
    const grams: string[] = [];
    for (let i = 0; i + 1 < chars.length; i++) grams.push(`'${chars[i]}${chars[i + 1]}'`);
    return grams.length === 1 ? grams[0]! : `(${grams.join(' <-> ')})`;
  });
  return parts.join(' & ');
}

/**
 * What text the platform accepts, in one place.
 *
 * - Storable: PostgreSQL cannot store NUL (U+0000) in `text` or `jsonb`, nor a UTF-16
 *   surrogate that is not part of a pair (`"\ud800"` is valid JSON, but no Unicode text).
 *   Anything else the client sends must be storable (checked once at the edge).
 * - Plain text (multi-line free text: descriptions, questions, answers, comments, reasons):
 *   storable, and no control characters but tab and line feed (no CR: send line breaks as
 *   `\n`), no DEL, no C1 controls, and no bidi override (U+202D, U+202E: they display text in
 *   another order than it is stored, the "Trojan source" trick).
 * - Single-line text (names, titles, institutions, ids, codes): plain text without tab, line
 *   feed, or the Unicode line and paragraph separators U+2028, U+2029.
 *
 * Bidi marks (LRM, RLM, ALM), embeddings and isolates stay allowed: Arabic text that quotes a
 * Latin name needs them, and they do not reorder what is stored.
 */

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_PLAIN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202d\u202e]/;
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202d\u202e]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export function isPlainText(text: string): boolean {
  return isStorableText(text) && !NOT_PLAIN.test(text);
}

export function isSingleLineText(text: string): boolean {
  return isStorableText(text) && !NOT_SINGLE_LINE.test(text);
}

/** The text with what cannot be stored replaced by U+FFFD, to quote it in an error message. */
export function quotable(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');
}

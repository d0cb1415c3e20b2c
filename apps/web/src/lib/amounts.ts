// Amounts as people write them in each language ("450,000", "450 000,50", "450.000"), turned into
// the API's decimal string ("450000", "450000.50"). Pure: Intl only.

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/** Arabic-Indic digits and separators (as Arabic numbers may be typed) in their Latin form. */
const arabicToLatin = (v: string) =>
  v
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',');

/** The group and decimal separators of a language's numbers, as Intl writes them (in Latin form). */
function separators(lang: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(lang, { useGrouping: true }).formatToParts(12345.6);
  return { group: arabicToLatin(parts.find((p) => p.type === 'group')?.value ?? ','), decimal: arabicToLatin(parts.find((p) => p.type === 'decimal')?.value ?? '.') };
}

/**
 * The API's decimal string for an amount typed in `lang`'s way: its decimal separator, groups of
 * three digits with its group separator or a space; a plain `1250.50` is always understood. Text
 * that is not such a number comes back trimmed and unchanged, for the API to refuse beside its field.
 */
export function parseAmount(text: string, lang: string): string {
  const raw = text.trim();
  const typed = arabicToLatin(raw);
  const plain = /^\d+(\.\d+)?$/.test(typed) ? typed : raw;
  const { group, decimal } = separators(lang);
  const [whole, fraction, ...rest] = typed.split(decimal);
  if (rest.length > 0 || whole === undefined) return plain;
  const groups = whole.split(group === '.' || group === ',' ? group : SPACES).map((g) => g.replace(SPACES, ''));
  const grouped = groups.length > 1 ? groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g))) : /^\d+$/.test(groups[0]!);
  if (!grouped || (fraction !== undefined && !/^\d+$/.test(fraction))) return plain;
  return fraction === undefined ? groups.join('') : `${groups.join('')}.${fraction}`;
}

/** A decimal string written for `lang` (grouped, its decimal separator), to pre-fill a field. */
export function formatAmount(decimal: string, lang: string, digits: number): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(decimal));
}

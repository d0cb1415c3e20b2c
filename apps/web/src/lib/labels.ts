import { fmt, localized, t, tMaybe } from './i18n';
import type { LocalizedText } from './api-types';
import { REGIONS } from './codes';

export const articleLabel = (code: string) => tMaybe(`article.${code}`) ?? t('article.other', { n: code.replace(/^art-/, '') });
export const articleShort = (code: string) => t('article.short', { n: code.replace(/^art-/, '') });
export const taTypeLabel = (code: string) => tMaybe(`taType.${code}`) ?? code;
export const priorityLabel = (code: string | null) => (code ? (tMaybe(`priority.${code}`) ?? code) : '');
export const countryLabel = (code: string) => fmt.country(code);
const REGION_NAMES = new Map<string, Record<string, string>>(REGIONS.map((r) => [r.code, r.name]));
/** An M49 region by its codelist's name in the reader's language and its code: "Afrique orientale (014)". */
export const regionLabel = (code: string) => {
  const name = REGION_NAMES.get(code);
  return name ? `${localized(name).text} (${code})` : code;
};
export const textOf = (text: LocalizedText | null | undefined) => localized(text);

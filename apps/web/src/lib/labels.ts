import { fmt, localized, t, tMaybe } from './i18n';
import type { LocalizedText } from './api-types';
import { REGIONS } from './codes';

export const articleLabel = (code: string) => tMaybe(`article.${code}`) ?? t('article.other', { n: code.replace(/^art-/, '') });
export const articleShort = (code: string) => t('article.short', { n: code.replace(/^art-/, '') });
export const taTypeLabel = (code: string) => tMaybe(`taType.${code}`) ?? code;
export const priorityLabel = (code: string | null) => (code ? (tMaybe(`priority.${code}`) ?? code) : '');
export const countryLabel = (code: string) => fmt.country(code);
const REGION_NAMES = new Map<string, string>(REGIONS.map((r) => [r.code, r.name]));
/** An M49 region by its codelist's (English) name and code: "Eastern Africa (014)". */
export const regionLabel = (code: string) => (REGION_NAMES.has(code) ? `${REGION_NAMES.get(code)} (${code})` : code);
export const textOf = (text: LocalizedText | null | undefined) => localized(text);

import { fmt, localized, t, tMaybe } from './i18n';
import type { LocalizedText } from './api-types';

export const articleLabel = (code: string) => tMaybe(`article.${code}`) ?? t('article.other', { n: code.replace(/^art-/, '') });
export const articleShort = (code: string) => t('article.short', { n: code.replace(/^art-/, '') });
export const taTypeLabel = (code: string) => tMaybe(`taType.${code}`) ?? code;
export const priorityLabel = (code: string | null) => (code ? (tMaybe(`priority.${code}`) ?? code) : '');
export const countryLabel = (code: string) => fmt.country(code);
export const textOf = (text: LocalizedText | null | undefined) => localized(text);

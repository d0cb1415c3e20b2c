import type { LanguageCode } from '@ta/codelists';
import { codeName, hasLabel, label, type Texts6 } from './labels';
import { REPORT_TEXTS as TEXTS } from './report-text-table';



export type ReportTextKey = keyof typeof TEXTS;

export function reportText(key: ReportTextKey, lang: LanguageCode): string {
  return TEXTS[key][lang];
}

/**
 * The M49 regions' names in the six languages, as the UN Statistics Division publishes them
 * (Standard country or area codes for statistical use, M49: https://unstats.un.org/unsd/methodology/m49/);
 * the codelist has them in English only.
 */
const REGIONS: Readonly<Record<string, Texts6>> = {
  '002': { ar: 'أفريقيا', en: 'Africa', es: 'África', fr: 'Afrique', ru: 'Африка', zh: '非洲' },
  '019': { ar: 'الأمريكتان', en: 'Americas', es: 'Américas', fr: 'Amériques', ru: 'Америка', zh: '美洲' },
  '142': { ar: 'آسيا', en: 'Asia', es: 'Asia', fr: 'Asie', ru: 'Азия', zh: '亚洲' },
  '150': { ar: 'أوروبا', en: 'Europe', es: 'Europa', fr: 'Europe', ru: 'Европа', zh: '欧洲' },
  '009': { ar: 'أوقيانوسيا', en: 'Oceania', es: 'Oceanía', fr: 'Océanie', ru: 'Океания', zh: '大洋洲' },
};

export function regionName(code: string, lang: LanguageCode): string {
  return REGIONS[code]?.[lang] ?? (code === 'other' ? reportText('other', lang) : codeName('regions', code, lang));
}

/** An article's label (the web app's, e.g. "Art. 9 Procurement and public finance"), else the codelist's name. */
export function articleName(code: string, lang: LanguageCode): string {
  return hasLabel(`article.${code}`) ? label(`article.${code}`, lang) : codeName('uncac-articles', code, lang);
}

export function taTypeName(code: string, lang: LanguageCode): string {
  return hasLabel(`taType.${code}`) ? label(`taType.${code}`, lang) : codeName('ta-types', code, lang);
}

export function outcomeName(outcome: string, lang: LanguageCode): string {
  switch (outcome) {
    case 'need_met':
      return reportText('needMet', lang);
    case 'need_partly_met':
      return reportText('needPartlyMet', lang);
    case 'need_not_met':
      return reportText('needNotMet', lang);
    case 'withdrawn':
      return reportText('withdrawn', lang);
    case 'declined':
      return reportText('declined', lang);
    default:
      return outcome;
  }
}

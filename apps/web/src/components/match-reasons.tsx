import { fmt, t } from '../lib/i18n';
import { articleShort, countryLabel, taTypeLabel } from '../lib/labels';
import type { Reason } from '../lib/match';

/** What a criterion of a match score found, in words in the reader's language. */
export function reasonText(x: Reason): string {
  const pct = fmt.number(x.met * 100);
  switch (x.key) {
    case 'articles':
      return t('reason.articles', { found: x.found.map(articleShort).join(', ') || '—', n: x.found.length, of: x.wanted.length });
    case 'taTypes':
      return t('reason.taTypes', { found: x.found.map(taTypeLabel).join(', ') || '—', n: x.found.length, of: x.wanted.length });
    case 'country':
      return x.met ? t('reason.eligible', { country: countryLabel(x.wanted[0]!) }) : t('reason.notEligible', { country: countryLabel(x.wanted[0]!) });
    case 'languages':
      return t('reason.languages', { found: x.found.map(fmt.languageName).join(', ') || '—', n: x.found.length, of: x.wanted.length });
    case 'capacity':
      return x.met ? t('reason.capacity') : t('reason.noCapacity');
    case 'window':
      return x.met ? t('reason.window') : t('reason.noWindow', { pct });
  }
}

import { useState } from 'preact/hooks';
import { OrganisationsTable } from '../components/directory-tables';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { OrganisationPage } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, language, t } from '../lib/i18n';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

const KINDS = ['donor_agency', 'intergovernmental', 'national_authority', 'civil_society', 'academia', 'private_sector'] as const;
const STATUSES = ['proposed', 'verified', 'suspended', 'closed'] as const;

/** The directory, for every signed-in user: organisations and notified authorities, filtered. */
export function DirectoryPage() {
  const s = useStore(session)!;
  const lang = useStore(language);
  const [filters, setFilters] = useState({ kind: '', status: '', country: '', q: '' });
  const q = useQuery(
    () => get<OrganisationPage>('/directory/organisations', { kind: filters.kind, status: filters.status, country: filters.country.toUpperCase(), q: filters.q.trim(), lang, limit: 500 }),
    [filters.kind, filters.status, filters.country, filters.q, lang],
  );
  const set = (k: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('directory.title')}</h1>
      <p class="hint">{t('directory.intro')}</p>
      <p>
        <Link href="/public/directory">{t('publicDirectory.title')}</Link>
      </p>
      {(s.claims.role === 'state' || s.claims.role === 'secretariat') && (
        <p>
          <Link href="/directory/authorities/new" class="btn btn-primary">
            {t('directory.notify')}
          </Link>
        </p>
      )}
      <form class="filters" role="search" aria-label={t('directory.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="dir-kind">{t('col.kind')}</label>
          <select id="dir-kind" value={filters.kind} onChange={set('kind')}>
            <option value="">{t('directory.any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="dir-status">{t('col.status')}</label>
          <select id="dir-status" value={filters.status} onChange={set('status')}>
            <option value="">{t('directory.any')}</option>
            {STATUSES.map((k) => (
              <option key={k} value={k}>
                {t(`orgStatus.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="dir-country">{t('directory.countryCode')}</label>
          <input id="dir-country" type="text" maxLength={2} size={3} dir="ltr" value={filters.country} onChange={set('country')} />
        </div>
        <div class="field">
          <label for="dir-q">{t('directory.search')}</label>
          <input id="dir-q" type="search" value={filters.q} onChange={set('q')} />
        </div>
      </form>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <>
          <p class="hint" data-testid="directory-total">
            {t('directory.total', { n: fmt.number(q.data.total) })}
          </p>
          <OrganisationsTable items={q.data.items} caption={t('directory.caption')} />
        </>
      )}
    </div>
  );
}
